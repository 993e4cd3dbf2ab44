// Where `vcc build` and `vcc check` find their parts: the stdlib headers,
// the guest runtime, the native runtime libraries and the IR plugin. From a
// build tree, the paths fixed at configure time (build_config.hpp); from an
// installed tree (toolchain::installedPrefix), the same files under the
// prefix, as `cmake --install` lays them out (docs/install.md):
//
//   PREFIX/bin/vcc
//   PREFIX/include/vcc/...              the stdlib headers
//   PREFIX/lib/vcc/*.a, VccIrChecks.so  native runtime libraries, IR plugin
//   PREFIX/lib/vcc/fuzz/*.o             the in-process fuzzer's objects
//   PREFIX/share/vcc/guest/             the guest runtime's sources
//   PREFIX/share/vcc/src/guest_main.cpp, allowed_calls.txt, layout
//   PREFIX/lib/cmake/vcc/               find_package(vcc), vcc_add_service
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "vcc/frontend/frontend.hpp"
#if VCC_WITH_IR_PLUGIN
#include "vcc/passes/ir_plugin.hpp"
#endif

namespace vcc::driver {

struct Parts {
  std::filesystem::path stdlibIncludeDir;
  std::filesystem::path guestRuntimeIncludeDir;
  std::filesystem::path guestMainSource;
  std::vector<std::string> nativeLibraries;
  std::vector<std::string> cudaNativeLibraries;
  std::vector<std::string> fuzzMainObjects;
  std::vector<std::string> fuzzLibraries;
#if VCC_WITH_IR_PLUGIN
  passes::IrPluginOptions irPlugin;
#endif
  std::string origin;  // "PREFIX (installed)" or "BUILD DIR (build tree)"
};

const Parts& parts();

// FrontendOptions with the parts' include directories.
frontend::FrontendOptions frontendOptions();

}  // namespace vcc::driver
