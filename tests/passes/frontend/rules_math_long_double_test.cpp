// vcc-no-libm-transcendental, vcc-no-long-double.
#include "rules_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NoLibmTranscendentalRule, FlagsCStdAndBuiltinForms) {
  FrontendResult result = checkRules(R"cpp(
#include <cmath>
double a(double x) { return std::exp(x); }
float b(float x) { return expf(x); }
double c(double x) { return __builtin_sin(x); }
double d(double x, double y) { return pow(x, y); }
float e(float x) { return std::tanh(x); }
double f(double x) { return std::atan2(x, 1.0); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  const char* kSuffix =
      " is a libm transcendental function, whose result differs between C libraries "
      "[vcc-no-libm-transcendental]";
  EXPECT_THAT(findings(result), ElementsAre(std::string("3:29: error: 'std::exp'") + kSuffix,
                                            std::string("4:27: error: 'expf'") + kSuffix,
                                            std::string("5:29: error: '__builtin_sin'") + kSuffix,
                                            std::string("6:39: error: 'pow'") + kSuffix,
                                            std::string("7:27: error: 'std::tanh'") + kSuffix,
                                            std::string("8:29: error: 'std::atan2'") + kSuffix));
}

TEST(NoLibmTranscendentalRule, FixItUsesVccMath) {
  FrontendResult result =
      checkRules("#include <cmath>\ndouble a(double x) { return std::exp(x); }\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const Diagnostic& diagnostic = result.diagnostics[0];
  ASSERT_EQ(diagnostic.fixIts.size(), 1u);
  EXPECT_EQ(diagnostic.fixIts[0].replacement, "vcc::math::exp");
  EXPECT_EQ(diagnostic.fixIts[0].begin.line, 2u);
  EXPECT_EQ(diagnostic.fixIts[0].begin.column, 29u);
  EXPECT_EQ(diagnostic.fixIts[0].length, 8u); // "std::exp"
  ASSERT_EQ(diagnostic.notes.size(), 1u);
  EXPECT_EQ(diagnostic.notes[0].message, "use vcc::math::exp (vcc/math.hpp): it is computed from "
                                         "exact operations, the same bits on every target");
  EXPECT_EQ(diagnostic.rendered, "service.cpp:2:29: error: 'std::exp' is a libm transcendental "
                                 "function, whose result differs between C "
                                 "libraries [vcc-no-libm-transcendental]\n"
                                 "    2 | double a(double x) { return std::exp(x); }\n"
                                 "      |                             ^~~~~~~~\n"
                                 "      |                             vcc::math::exp\n"
                                 "note: use vcc::math::exp (vcc/math.hpp): it is computed from "
                                 "exact operations, the same bits on every "
                                 "target\n");
}

TEST(NoLibmTranscendentalRule, NoFixItWhereVccMathHasNoReplacement) {
  FrontendResult result =
      checkRules("#include <cmath>\ndouble a(double x) { return std::cbrt(x); }\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_THAT(result.diagnostics[0].fixIts, IsEmpty());
  ASSERT_EQ(result.diagnostics[0].notes.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].notes[0].message,
            "vcc::math has no cbrt; compute it from vcc::math functions and exact operations");
}

TEST(NoLibmTranscendentalRule, AllowsExactOperations) {
  FrontendResult result = checkRules(R"cpp(
#include <cmath>
double f(double x, double y) {
  return std::sqrt(x) + std::fma(x, y, 1.0) + std::floor(x) + std::fabs(y) + std::fmod(x, y) +
         std::fmin(x, y) + std::ldexp(x, 3) + std::trunc(y) + std::copysign(x, y);
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

TEST(NoLongDoubleRule, FlagsTypesLiteralsAndLibraryResults) {
  FrontendResult result = checkRules(R"cpp(
#include <cstdlib>
long double wide = 1.0;
double g(double x) { return static_cast<double>(x * 1.5L); }
double h(const char* text) { return static_cast<double>(strtold(text, nullptr)); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result),
              ElementsAre("3:1: error: 'long double' type [vcc-no-long-double]",
                          "4:53: error: 'long double' literal [vcc-no-long-double]",
                          "5:57: error: 'strtold' returns 'long double' [vcc-no-long-double]"));
}

TEST(NoLongDoubleRule, FixItsSayDouble) {
  FrontendResult result = checkRules("long double wide = 1.0L;\n");
  ASSERT_EQ(result.diagnostics.size(), 2u);
  ASSERT_EQ(result.diagnostics[0].fixIts.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].fixIts[0].replacement, "double");
  EXPECT_EQ(result.diagnostics[0].fixIts[0].length, 11u); // "long double"
  ASSERT_EQ(result.diagnostics[1].fixIts.size(), 1u);
  EXPECT_EQ(result.diagnostics[1].fixIts[0].offset, 22u); // the 'L'
  EXPECT_EQ(result.diagnostics[1].fixIts[0].length, 1u);
}

TEST(NoLongDoubleRule, AllowsDouble) {
  FrontendResult result =
      checkRules("double wide = 1.0;\nfloat narrow(double x) { return static_cast<float>(x); }\n");
  EXPECT_THAT(findings(result), IsEmpty());
}

} // namespace
} // namespace vcc::frontend::testing
