// <vcc/passes/ir_plugin.hpp>: the Clang arguments that load the IR plugin.
#include "vcc/passes/ir_plugin.hpp"

#include <filesystem>
#include <gtest/gtest.h>

namespace vcc::passes {
namespace {

TEST(IrPluginArguments, LoadAndRunThePluginWithTheBuiltInList) {
  EXPECT_EQ(irPluginArguments({"/lib/VccIrChecks.so", {}, true, {}}),
            (std::vector<std::string>{"-fplugin=/lib/VccIrChecks.so",
                                      "-fpass-plugin=/lib/VccIrChecks.so"}));
}

TEST(IrPluginArguments, AllowListsBecomeOneCommaSeparatedOption) {
  EXPECT_EQ(irPluginArguments({"p.so", {"default.txt", "service.txt"}, true, {}}),
            (std::vector<std::string>{"-fplugin=p.so", "-fpass-plugin=p.so", "-mllvm",
                                      "-vcc-allowed-calls=default.txt,service.txt"}));
}

TEST(IrPluginArguments, CanonicalizationsOnlyTurnTheChecksOff) {
  IrPluginOptions options{"p.so", {}, true, {}};
  options.checks = false;
  EXPECT_EQ(irPluginArguments(options),
            (std::vector<std::string>{"-fplugin=p.so", "-fpass-plugin=p.so", "-mllvm", "-vcc-checks=false"}));
}

TEST(IrPluginArguments, TheFuzzDictionaryIsAnOptionOfThePlugin) {
  IrPluginOptions options{"p.so", {}, true, "/w/s.dict"};
  EXPECT_EQ(irPluginArguments(options), (std::vector<std::string>{"-fplugin=p.so", "-fpass-plugin=p.so", "-mllvm",
                                                                  "-vcc-fuzz-dictionary=/w/s.dict"}));
}

TEST(IrPluginArguments, ThisBuildsPluginAndListExist) {
  IrPluginOptions built = builtIrPlugin();
  EXPECT_TRUE(std::filesystem::exists(built.pluginPath)) << built.pluginPath;
  ASSERT_EQ(built.allowLists.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(built.allowLists[0])) << built.allowLists[0];
}

} // namespace
} // namespace vcc::passes
