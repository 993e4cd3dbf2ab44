// vcc-no-target-conditionals: #if/#ifdef on target and library macros in the
// service's code, in every directive form, taken or skipped; vcc's headers
// may, a service header may not (not even one that calls itself a system
// header); ordinary conditionals pass.
#include "rules_test_support.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr const char* kRule = "vcc-no-target-conditionals";

TEST(NoTargetConditionalsRule, FlagsEveryDirectiveFormTakenOrNot) {
  FrontendResult result = checkRules(R"cpp(
#ifdef __x86_64__
int a = 1;
#endif
#ifndef __riscv
int b = 2;
#endif
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
int c = 3;
#elif __riscv_xlen == 64
int d = 4;
#elifdef _LIBCPP_VERSION
int e = 5;
#endif
#if 1
# if defined __AVX2__
int f = 6;
# endif
#endif
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result, kRule),
      ElementsAre("2:8: error: preprocessor condition on '__x86_64__', which differs between the "
                  "native binary, the RISC-V image and CUDA device code [vcc-no-target-conditionals]",
                  "5:9: error: preprocessor condition on '__riscv', which differs between the native "
                  "binary, the RISC-V image and CUDA device code [vcc-no-target-conditionals]",
                  "8:13: error: preprocessor condition on '__CUDA_ARCH__', which differs between the "
                  "native binary, the RISC-V image and CUDA device code [vcc-no-target-conditionals]",
                  "10:7: error: preprocessor condition on '__riscv_xlen', which differs between the "
                  "native binary, the RISC-V image and CUDA device code [vcc-no-target-conditionals]",
                  "12:10: error: preprocessor condition on '_LIBCPP_VERSION', which differs between "
                  "the native binary, the RISC-V image and CUDA device code "
                  "[vcc-no-target-conditionals]",
                  "16:14: error: preprocessor condition on '__AVX2__', which differs between the "
                  "native binary, the RISC-V image and CUDA device code [vcc-no-target-conditionals]"));
}

TEST(NoTargetConditionalsRule, AllowsConditionalsOnTheServicesOwnMacros) {
  FrontendResult result = checkRules(R"cpp(
#define TILE 16
#ifndef SERVICE_HEADER_GUARD
#define SERVICE_HEADER_GUARD
#endif
#if TILE > 8 && defined(SERVICE_HEADER_GUARD) && !defined(NDEBUG)
int tile = TILE;
#elif defined(__cplusplus) && __cplusplus >= 202002L
int tile = 8;
#endif
#if TILE /* not __riscv */ > 4 // nor __x86_64__
int wide = 1;
#endif
// __x86_64__ in a comment, "__riscv" in a string:
const char* text = "__riscv";
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result, kRule), IsEmpty());
}

class TargetConditionalHeaderTest : public ::testing::Test {
protected:
  void SetUp() override {
    // One directory per process and test: ctest runs the tests in parallel.
    root_ = std::filesystem::temp_directory_path() /
            ("vcc-target-conditionals-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "vcc");
    std::ofstream(root_ / "vcc" / "fast.hpp") << "#pragma once\n#if defined(__x86_64__)\ninline int lanes = 8;\n"
                                                 "#else\ninline int lanes = 1;\n#endif\n";
    std::ofstream(root_ / "vendor.hpp") << "#pragma GCC system_header\n#ifdef __riscv\ninline int v = 1;\n"
                                           "#else\ninline int v = 2;\n#endif\n";
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }

  FrontendResult check(bool asVccHeader) {
    FrontendOptions options;
    options.source = "service.cpp";
    options.sourceText = "#include <vcc/fast.hpp>\n#include <vendor.hpp>\nint f() { return lanes + v; }\n";
    options.compilerWarnings = false;
    options.includeDirs = {root_};
    if (asVccHeader) options.runtimeIncludeDir = root_;
    Analyses analyses;
    analyses.methodDiscovery = false;
    return analyzeService(options, analyses);
  }

  std::filesystem::path root_;
};

TEST_F(TargetConditionalHeaderTest, VccHeadersMay) {
  FrontendResult result = check(true);
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result, kRule), IsEmpty());
}

TEST_F(TargetConditionalHeaderTest, TheServicesOwnHeadersMayNot) {
  FrontendResult result = check(false);
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result, kRule),
              ElementsAre("2:13: error: preprocessor condition on '__x86_64__', which differs between the "
                          "native binary, the RISC-V image and CUDA device code [vcc-no-target-conditionals]",
                          "2:8: error: preprocessor condition on '__riscv', which differs between the "
                          "native binary, the RISC-V image and CUDA device code [vcc-no-target-conditionals]"));
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].position.file, (root_ / "vcc" / "fast.hpp").string());
  EXPECT_EQ(result.diagnostics[1].position.file, (root_ / "vendor.hpp").string());
}

} // namespace
} // namespace vcc::frontend::testing
