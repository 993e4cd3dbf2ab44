// How a compile loads the IR plugin (docs/passes.md, "How the driver runs
// the plugin"), so the driver does not have to know Clang's quirks: -mllvm
// options of a pass plugin need the plugin loaded early (-fplugin) as well
// as run (-fpass-plugin). Header-only; the CMake target vcc::ir_plugin_api
// defines where this build put the plugin and the default allow list.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vcc::passes {

// Mangled-name prefixes of code that is vcc's and libc++'s, not the
// service's decisions: the dispatch (vccProgramMain), namespace vcc, std::__1.
// The fuzz build leaves it out of coverage (driver/native_build.cpp) and
// out of the fuzz dictionary (passes/ir/FuzzDictionary.cpp).
inline constexpr std::string_view kRuntimeSymbolPrefixes[] = {"_Z14vccProgramMain", "_ZN3vcc", "_ZNK3vcc",
                                                              "_ZNSt3__1", "_ZNKSt3__1"};

struct IrPluginOptions {
  std::string pluginPath;              // VccIrChecks.so
  std::vector<std::string> allowLists; // empty: the list compiled into the plugin
  bool checks = true;                  // false: the canonicalizations only
  std::string fuzzDictionary;          // non-empty: write vcc-fuzz-dictionary's output here
};

// The Clang arguments that load and run the plugin, for C and C++ compiles
// only (an assembler invocation rejects the -mllvm option).
inline std::vector<std::string> irPluginArguments(const IrPluginOptions& options) {
  std::vector<std::string> arguments = {"-fplugin=" + options.pluginPath,
                                        "-fpass-plugin=" + options.pluginPath};
  if (!options.allowLists.empty()) {
    std::string lists;
    for (const std::string& list : options.allowLists)
      lists += (lists.empty() ? "" : ",") + list;
    arguments.push_back("-mllvm");
    arguments.push_back("-vcc-allowed-calls=" + lists);
  }
  if (!options.checks) {
    arguments.push_back("-mllvm");
    arguments.push_back("-vcc-checks=false");
  }
  if (!options.fuzzDictionary.empty()) {
    arguments.push_back("-mllvm");
    arguments.push_back("-vcc-fuzz-dictionary=" + options.fuzzDictionary);
  }
  return arguments;
}

#if defined(VCC_IR_PLUGIN_PATH) && defined(VCC_IR_ALLOWED_CALLS_FILE)
// The plugin and default allow list of this build tree.
inline IrPluginOptions builtIrPlugin() {
  return {VCC_IR_PLUGIN_PATH, {VCC_IR_ALLOWED_CALLS_FILE}, true, {}};
}
#endif

} // namespace vcc::passes
