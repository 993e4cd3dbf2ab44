// The frontend as the driver uses it: real files, include directories, the
// current directory, compile errors, rendering and options.
#include "rules_test_support.hpp"

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A temporary directory with files, removed afterwards.
class TemporaryTree : public ::testing::Test {
protected:
  void SetUp() override {
    root_ = std::filesystem::path(::testing::TempDir()) /
            ("vcc-frontend-" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::filesystem::path write(const std::filesystem::path& relative, const std::string& text) {
    std::filesystem::path path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path root_;
};

// A realistic service: the umbrella header, the kernel API, several methods.
const char* const kMatmul = R"cpp(#include <vcc/service.hpp>

#include <cstdint>
#include <vector>

namespace {
uint32_t load(const vcc::bytes& data, size_t i) {
  return uint32_t(data[4 * i]) | uint32_t(data[4 * i + 1]) << 8 | uint32_t(data[4 * i + 2]) << 16 |
         uint32_t(data[4 * i + 3]) << 24;
}
}  // namespace

VCC_METHOD vcc::bytes multiply(uint32_t n, const vcc::bytes& a, const vcc::bytes& b) {
  vcc::bytes c(4 * size_t(n) * n);
  vcc::parallel_for(vcc::Extent2{n, n}, [&](size_t row, size_t col) {
    uint32_t sum = 0;
    for (size_t k = 0; k < n; ++k) sum += load(a, row * n + k) * load(b, k * n + col);
    for (int byte = 0; byte < 4; ++byte) c[4 * (row * n + col) + byte] = uint8_t(sum >> (8 * byte));
  });
  return c;
}

VCC_METHOD vcc::bytes32 digest(const std::string& text) { return vcc::keccak256(std::string_view(text)); }
)cpp";

TEST_F(TemporaryTree, ChecksARealServiceWithTheStdlib) {
  std::filesystem::path source = write("matmul.cpp", kMatmul);
  FrontendOptions options;
  options.source = source;
  FrontendResult result = analyzeService(options);
  EXPECT_TRUE(result.ok()) << result.renderedDiagnostics();
  EXPECT_EQ(result.renderedDiagnostics(), "");
  EXPECT_EQ(result.service.serviceName, "matmul");
  ASSERT_EQ(result.service.methods.size(), 2u);
  EXPECT_EQ(result.service.methods[0].signature, "multiply(uint32,bytes,bytes)");
  EXPECT_EQ(result.service.methods[1].signature, "digest(string)");
  EXPECT_EQ(result.service.methods[1].returnAbiType, "bytes32");
}

TEST_F(TemporaryTree, WorksFromAnyCurrentDirectoryAndNamesFilesAsGiven) {
  write("service/include/app/clock.hpp",
        "#pragma once\n#include <ctime>\ninline long stamp() { return time(0); }\n");
  write("service/app.cpp", "#include <app/clock.hpp>\n#include <vcc/config.hpp>\n"
                           "VCC_METHOD long get(long x) { return x + stamp(); }\n");
  std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::create_directories(root_ / "elsewhere");
  std::filesystem::current_path(root_ / "elsewhere");
  FrontendOptions options;
  options.source = "../service/app.cpp";
  options.includeDirs = {"../service/include"};
  FrontendResult result = analyzeService(options);
  std::filesystem::current_path(previous);

  ASSERT_EQ(result.diagnostics.size(), 1u) << result.renderedDiagnostics();
  const Diagnostic& diagnostic = result.diagnostics[0];
  EXPECT_EQ(diagnostic.rule, "vcc-no-time");
  EXPECT_EQ(diagnostic.position.line, 3u);
  EXPECT_EQ(diagnostic.position.column, 30u);
  EXPECT_THAT(diagnostic.position.file, HasSubstr("service/include/app/clock.hpp"));
  // A header's diagnostic shows how the source reached it.
  EXPECT_THAT(diagnostic.rendered,
              ::testing::StartsWith("In file included from ../service/app.cpp:1:\n"));
  ASSERT_EQ(result.service.methods.size(), 1u);
  EXPECT_EQ(result.service.methods[0].position.file, "../service/app.cpp");
}

TEST(Frontend, MissingSourceIsAnError) {
  FrontendOptions options;
  options.source = "/nonexistent/vcc/service.cpp";
  FrontendResult result = analyzeService(options);
  EXPECT_FALSE(result.ok());
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("/nonexistent/vcc/service.cpp"));
}

TEST(Frontend, CompileErrorsAreReportedAsClangReportsThem) {
  FrontendResult result = checkRules("int f() { return undefined_name; }\n");
  EXPECT_FALSE(result.ok());
  EXPECT_THAT(findings(result),
              ElementsAre("1:18: error: use of undeclared identifier 'undefined_name'"));
  EXPECT_EQ(result.renderedDiagnostics(),
            "service.cpp:1:18: error: use of undeclared identifier 'undefined_name'\n"
            "    1 | int f() { return undefined_name; }\n"
            "      |                  ^\n"
            "1 error generated.\n");
}

TEST(Frontend, ReportsCompilerWarningsWithTheirOption) {
  FrontendOptions options;
  options.source = "service.cpp";
  options.sourceText = "int f(int x) { if (x) return 1; }\n";
  Analyses analyses;
  analyses.methodDiscovery = false;
  FrontendResult result = analyzeService(options, analyses);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.warningCount, 1u);
  EXPECT_THAT(findings(result),
              ElementsAre("1:33: warning: non-void function does not return a value in all control "
                          "paths [-Wreturn-type]"));
  EXPECT_THAT(result.renderedDiagnostics(), HasSubstr("1 warning generated.\n"));
}

TEST(Frontend, DiagnosticsComeInSourceOrderWithATotal) {
  FrontendResult result = checkRules(R"cpp(#include <cstdlib>
int a() { int x; return x; }
int b() { return rand(); }
int c() { return undefined_name; }
)cpp");
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "2:25: error: variable 'x' is uninitialized when used here [vcc-no-uninitialized-read]",
          "3:18: error: 'rand' is a source of randomness [vcc-no-random]",
          "4:18: error: use of undeclared identifier 'undefined_name'"));
  EXPECT_EQ(result.errorCount, 3u);
  EXPECT_THAT(result.renderedDiagnostics(), ::testing::EndsWith("\n3 errors generated.\n"));
}

TEST(Frontend, DisabledRulesReportNothing) {
  FrontendOptions options;
  options.source = "service.cpp";
  options.sourceText = "#include <cstdlib>\nint b() { return rand(); }\nvolatile int v = 0;\n";
  Analyses analyses;
  analyses.methodDiscovery = false;
  analyses.disabledRules = {"vcc-no-random"};
  FrontendResult result = analyzeService(options, analyses);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].rule, "vcc-no-volatile");
}

TEST(Frontend, ListsEveryRule) {
  std::vector<std::string> names;
  for (const RuleInfo& rule : determinismRules()) {
    EXPECT_FALSE(rule.summary.empty()) << rule.name;
    names.push_back(rule.name);
  }
  EXPECT_THAT(names, ElementsAre("vcc-no-time", "vcc-no-random", "vcc-no-environment", "vcc-no-io",
                                 "vcc-no-threads", "vcc-no-atomics", "vcc-no-inline-asm",
                                 "vcc-no-volatile", "vcc-no-uninitialized-read",
                                 "vcc-no-unordered-iteration", "vcc-no-libm-transcendental",
                                 "vcc-no-long-double", "vcc-no-target-conditionals",
                                 "vcc-no-address-dependence", "vcc-kernel-lambda-access"));
}

TEST(Frontend, CompilerArgumentsFollowTheDeterminismFlags) {
  FrontendOptions options;
  options.source = "service.cpp";
  options.defines = {"MODE=2"};
  std::vector<std::string> arguments = compilerArguments(options);
  EXPECT_THAT(arguments, Contains("--target=x86_64-linux-gnu"));
  EXPECT_THAT(arguments, Contains("-std=c++20"));
  EXPECT_THAT(arguments, Contains("-fsigned-char"));
  EXPECT_THAT(arguments, Contains("-fwrapv"));
  EXPECT_THAT(arguments, Contains("-ffp-contract=off"));
  EXPECT_THAT(arguments, Contains("-DMODE=2"));
  EXPECT_THAT(arguments, Contains("-I" + defaultStdlibIncludeDir().string()));
  EXPECT_EQ(arguments.back(), "service.cpp");
}

TEST(Frontend, ServiceNameIsTheFileStem) {
  EXPECT_EQ(serviceNameFromPath("samples/matmul/matmul.cpp"), "matmul");
  EXPECT_EQ(serviceNameFromPath("echo.cc"), "echo");
}

} // namespace
} // namespace vcc::frontend::testing
