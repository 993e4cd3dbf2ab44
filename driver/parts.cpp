#include "parts.hpp"

#include "build_config.hpp"
#include "toolchain/install_prefix.hpp"

namespace vcc::driver {
namespace {

namespace fs = std::filesystem;

// A library or object built in this build tree moves to PREFIX/`dir`;
// anything else (a system library such as libcudart_static.a) stays.
template <size_t N>
std::vector<std::string> relocate(const char* const (&paths)[N], const fs::path* prefix, const char* dir) {
  std::vector<std::string> out;
  const std::string buildDir = kBuildDir;
  for (const char* path : paths) {
    const std::string p = path;
    if (p.empty()) continue;
    if (prefix != nullptr && p.compare(0, buildDir.size() + 1, buildDir + "/") == 0)
      out.push_back((*prefix / dir / fs::path(p).filename()).string());
    else
      out.push_back(p);
  }
  return out;
}

Parts discover() {
  const std::optional<fs::path>& installed = toolchain::installedPrefix();
  const fs::path* prefix = installed ? &*installed : nullptr;
  Parts parts;
  parts.nativeLibraries = relocate(kNativeLibraries, prefix, "lib/vcc");
  parts.cudaNativeLibraries = relocate(kCudaNativeLibraries, prefix, "lib/vcc");
  parts.fuzzMainObjects = relocate(kFuzzMainObjects, prefix, "lib/vcc/fuzz");
  parts.fuzzLibraries = relocate(kFuzzLibraries, prefix, "lib/vcc");
#if VCC_WITH_IR_PLUGIN
  parts.irPlugin = passes::builtIrPlugin();
#endif
  if (prefix == nullptr) {
    parts.stdlibIncludeDir = kStdlibIncludeDir;
    parts.guestRuntimeIncludeDir = frontend::defaultRuntimeIncludeDir();
    parts.guestMainSource = kGuestMainSource;
    parts.origin = std::string(kBuildDir) + " (build tree)";
    return parts;
  }
  parts.stdlibIncludeDir = *prefix / "include";
  parts.guestRuntimeIncludeDir = *prefix / "share/vcc/guest/include";
  parts.guestMainSource = *prefix / "share/vcc/src/guest_main.cpp";
#if VCC_WITH_IR_PLUGIN
  parts.irPlugin.pluginPath = (*prefix / "lib/vcc" / fs::path(parts.irPlugin.pluginPath).filename()).string();
  for (std::string& list : parts.irPlugin.allowLists)
    list = (*prefix / "share/vcc" / fs::path(list).filename()).string();
#endif
  parts.origin = prefix->string() + " (installed)";
  return parts;
}

}  // namespace

const Parts& parts() {
  static const Parts discovered = discover();
  return discovered;
}

frontend::FrontendOptions frontendOptions() {
  frontend::FrontendOptions options;
  options.stdlibIncludeDir = parts().stdlibIncludeDir;
  options.runtimeIncludeDir = parts().guestRuntimeIncludeDir;
  return options;
}

}  // namespace vcc::driver
