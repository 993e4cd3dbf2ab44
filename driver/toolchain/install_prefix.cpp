#include "toolchain/install_prefix.hpp"

#include <system_error>

namespace vcc::toolchain {

const std::optional<std::filesystem::path>& installedPrefix() {
  static const std::optional<std::filesystem::path> prefix = []() -> std::optional<std::filesystem::path> {
    std::error_code error;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return std::nullopt;
    std::filesystem::path candidate = executable.parent_path().parent_path();
    if (!std::filesystem::is_regular_file(candidate / kInstallMarker, error)) return std::nullopt;
    return candidate;
  }();
  return prefix;
}

}  // namespace vcc::toolchain
