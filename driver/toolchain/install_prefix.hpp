// Where an installed vcc finds its parts. `cmake --install` (and the .deb)
// put the vcc command in PREFIX/bin and a marker file, PREFIX/share/vcc/
// layout, beside its parts; a vcc run from its build tree has no marker
// and uses the paths fixed at configure time. The prefix is found from the
// running executable, so an installed tree can be moved as a whole.
#pragma once
#include <filesystem>
#include <optional>

namespace vcc::toolchain {

// PREFIX when the running vcc is an installed one, else nothing.
const std::optional<std::filesystem::path>& installedPrefix();

// The marker's path relative to PREFIX.
inline constexpr const char* kInstallMarker = "share/vcc/layout";

}  // namespace vcc::toolchain
