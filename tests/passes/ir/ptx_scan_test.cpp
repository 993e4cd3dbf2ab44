// The PTX scanner (passes/ir/ptx_scan.cpp): unit tests on small PTX strings,
// fixtures that nvcc generated from ptx/*.cu (ptx/generate.sh), and, when
// nvcc is installed, fresh nvcc output (compile-only; no GPU needed).
#include "vcc/passes/ptx_scan.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <unistd.h>

namespace vcc::ptx {
namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> instructionsWith(const std::vector<PtxFinding>& findings, PtxIssue issue) {
  std::vector<std::string> result;
  for (const PtxFinding& finding : findings)
    if (finding.issue == issue) result.push_back(finding.instruction);
  return result;
}

std::size_t count(const std::vector<PtxFinding>& findings, PtxIssue issue) {
  return instructionsWith(findings, issue).size();
}

TEST(PtxScan, ApproximateInstructionsAreFound) {
  auto findings = scanPtx(
      "ex2.approx.f32 %f2, %f1;\nlg2.approx.f32 %f3, %f2;\nsin.approx.f32 %f4, %f3;\n"
      "cos.approx.f32 %f5, %f4;\nrsqrt.approx.f64 %fd2, %fd1;\nrcp.approx.f32 %f6, %f5;\n"
      "sqrt.approx.f32 %f7, %f6;\ndiv.approx.f32 %f8, %f7, %f6;\ntanh.approx.f32 %f9, %f8;\n");
  EXPECT_EQ(instructionsWith(findings, PtxIssue::Approximate),
            (std::vector<std::string>{"ex2.approx.f32", "lg2.approx.f32", "sin.approx.f32",
                                      "cos.approx.f32", "rsqrt.approx.f64", "rcp.approx.f32",
                                      "sqrt.approx.f32", "div.approx.f32", "tanh.approx.f32"}));
}

TEST(PtxScan, FullRangeDivisionIsApproximate) {
  auto findings = scanPtx("div.full.f32 %f3, %f1, %f2;");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].issue, PtxIssue::Approximate);
  EXPECT_NE(findings[0].message.find("-prec-div=true"), std::string::npos);
}

TEST(PtxScan, ExactlyRoundedInstructionsPass) {
  EXPECT_TRUE(
      scanPtx("div.rn.f32 %f3, %f1, %f2;\nsqrt.rn.f64 %fd2, %fd1;\nrcp.rn.f32 %f2, %f1;\n"
              "fma.rn.f32 %f4, %f1, %f2, %f3;\nfma.rm.f32 %f5, %f1, %f2, %f3;\n"
              "add.rn.f32 %f6, %f1, %f2;\nmul.rz.f64 %fd3, %fd1, %fd2;\n"
              "sub.rp.f32 %f7, %f1, %f2;\nmad.rn.f32 %f8, %f1, %f2, %f3;\n"
              "neg.f32 %f9, %f1;\nabs.f64 %fd4, %fd1;\nmin.s32 %r10, %r1, %r2;\n"
              "cvt.rn.f32.f64 %f11, %fd1;\ncvt.f64.f32 %fd5, %f1;\nsetp.lt.f32 %p1, %f1, %f2;")
          .empty());
}

TEST(PtxScan, FlushToZeroIsFound) {
  auto findings = scanPtx("add.rn.ftz.f32 %f3, %f1, %f2;\ncvt.ftz.f64.f32 %fd1, %f1;\n"
                          "setp.lt.ftz.f32 %p1, %f1, %f2;");
  EXPECT_EQ(instructionsWith(findings, PtxIssue::FlushToZero),
            (std::vector<std::string>{"add.rn.ftz.f32", "cvt.ftz.f64.f32", "setp.lt.ftz.f32"}));
}

TEST(PtxScan, OneInstructionCanHaveSeveralIssues) {
  auto findings = scanPtx("ex2.approx.ftz.f32 %f2, %f1;\nadd.ftz.f32 %f3, %f1, %f2;");
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0].issue, PtxIssue::Approximate);
  EXPECT_EQ(findings[1].issue, PtxIssue::FlushToZero);
  EXPECT_EQ(findings[2].issue, PtxIssue::FlushToZero);
  EXPECT_EQ(findings[3].issue, PtxIssue::Contractible);
}

TEST(PtxScan, FloatArithmeticWithoutRoundingModifierIsContractible) {
  auto findings = scanPtx("add.f32 %f3, %f1, %f2;\nsub.f64 %fd3, %fd1, %fd2;\n"
                          "mul.f32 %f4, %f1, %f2;\nmad.f32 %f5, %f1, %f2, %f3;\n"
                          "add.f16x2 %r3, %r1, %r2;\nmul.bf16 %rs3, %rs1, %rs2;");
  EXPECT_EQ(instructionsWith(findings, PtxIssue::Contractible),
            (std::vector<std::string>{"add.f32", "sub.f64", "mul.f32", "mad.f32", "add.f16x2",
                                      "mul.bf16"}));
  EXPECT_NE(findings[0].message.find("-fmad=false"), std::string::npos);
}

TEST(PtxScan, IntegerArithmeticIsNotChecked) {
  EXPECT_TRUE(scanPtx("add.s64 %rd3, %rd1, %rd2;\nmad.lo.s32 %r1, %r2, %r3, %r4;\n"
                      "mul.wide.s32 %rd1, %r1, 4;\nsub.u32 %r5, %r1, %r2;\n"
                      "atom.global.add.u32 %r6, [%rd1], 1;\nred.global.add.u64 [%rd1], 1;")
                  .empty());
}

TEST(PtxScan, FloatAtomicAddsAreFound) {
  auto findings =
      scanPtx("atom.global.add.f32 %f1, [%rd1], %f2;\nred.global.add.f64 [%rd1], %fd1;\n"
              "atom.shared.exch.b32 %r1, [%rd2], %r2;");
  EXPECT_EQ(instructionsWith(findings, PtxIssue::FloatAtomic),
            (std::vector<std::string>{"atom.global.add.f32", "red.global.add.f64"}));
  EXPECT_EQ(findings.size(), 2u);
}

TEST(PtxScan, FloatMinMaxIsFoundIntegerMinMaxIsNot) {
  auto findings = scanPtx("min.f32 %f3, %f1, %f2;\nmax.NaN.f64 %fd3, %fd1, %fd2;\nmin.ftz.f32 %f4, %f1, %f2;\n"
                          "min.s32 %r3, %r1, %r2;\nmax.u64 %rd3, %rd1, %rd2;\nmin.bf16x2 %r4, %r1, %r2;");
  EXPECT_EQ(instructionsWith(findings, PtxIssue::FloatMinMax),
            (std::vector<std::string>{"min.f32", "max.NaN.f64", "min.ftz.f32", "min.bf16x2"}));
  EXPECT_EQ(instructionsWith(findings, PtxIssue::FlushToZero), (std::vector<std::string>{"min.ftz.f32"}));
  EXPECT_EQ(findings.size(), 5u);
}

TEST(PtxScan, CommentsAndStringsAreSkipped) {
  EXPECT_TRUE(scanPtx("// ex2.approx.f32 %f2, %f1;\n"
                      "/* div.full.f32 %f3, %f1, %f2;\n   add.f32 %f1, %f2, %f3; */\n"
                      ".file 1 \"kernel; add.f32 x.cu\"\n"
                      "add.rn.f32 %f1, %f2, %f3; // sin.approx.f32 in a trailing comment\n")
                  .empty());
}

TEST(PtxScan, DirectivesLabelsGuardsAndVectorOperandsAreHandled) {
  auto findings = scanPtx(".version 9.0\n.target sm_80\n"
                          ".visible .entry k(\n  .param .f32 k_param_0\n)\n{\n"
                          "  .reg .f32 %f<4>;\n"
                          "  ld.global.v2.f32 {%f1, %f2}, [%rd1];\n"
                          "$L__BB0_2:\n"
                          "  @%p1 add.f32 %f3, %f1, %f2;\n"
                          "  @!%p2 bra $L__BB0_2;\n"
                          "$L__BB0_3: sin.approx.f32 %f3, %f3;\n"
                          "  ret;\n}\n");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].instruction, "add.f32");
  EXPECT_EQ(findings[0].line, 10u);
  EXPECT_EQ(findings[0].column, 8u);
  EXPECT_EQ(findings[1].instruction, "sin.approx.f32");
  EXPECT_EQ(findings[1].line, 12u);
  EXPECT_EQ(findings[1].column, 12u);
}

TEST(PtxScan, SeveralStatementsOnOneLineGetTheirOwnColumns) {
  auto findings = scanPtx("mov.f32 %f1, 0f3F800000; add.f32 %f2, %f1, %f1; mul.f32 %f3, %f2, %f2;");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].column, 26u);
  EXPECT_EQ(findings[1].column, 49u);
}

TEST(PtxScan, FormatsFindingsLikeClang) {
  auto findings = scanPtx("\n  div.full.f32 %f3, %f1, %f2;");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(formatFinding("kernel.ptx", findings[0]),
            "kernel.ptx:2:3: error: " + findings[0].message + " [ptx-approximate]");
  EXPECT_EQ(issueName(PtxIssue::FlushToZero), "ptx-flush-to-zero");
  EXPECT_EQ(issueName(PtxIssue::Contractible), "ptx-contractible");
  EXPECT_EQ(issueName(PtxIssue::FloatAtomic), "ptx-float-atomic");
  EXPECT_EQ(issueName(PtxIssue::FloatMinMax), "ptx-float-minmax");
}

TEST(PtxScan, EmptyAndTruncatedInputAreHarmless) {
  EXPECT_TRUE(scanPtx("").empty());
  EXPECT_TRUE(scanPtx("/* unterminated comment ex2.approx.f32").empty());
  EXPECT_TRUE(scanPtx(".file 1 \"unterminated string").empty());
  EXPECT_EQ(scanPtx("div.full.f32").size(), 1u);
}

// nvcc's output for exact kernels: clean under vcc's flags, contractible
// under nvcc's defaults, approximate and flushing with -use_fast_math.
const std::filesystem::path kFixtures = VCC_PTX_FIXTURE_DIR;

TEST(PtxScanFixtures, StrictFlagsGiveCleanPtx) {
  EXPECT_TRUE(scanPtx(readFile(kFixtures / "exact_kernels.strict.ptx")).empty());
}

TEST(PtxScanFixtures, DefaultFlagsLeaveContractibleArithmetic) {
  auto findings = scanPtx(readFile(kFixtures / "exact_kernels.default.ptx"));
  EXPECT_GT(count(findings, PtxIssue::Contractible), 0u);
  EXPECT_EQ(count(findings, PtxIssue::Approximate), 0u);
  EXPECT_EQ(count(findings, PtxIssue::FlushToZero), 0u);
}

TEST(PtxScanFixtures, FastMathGivesApproximationsAndFlushToZero) {
  auto findings = scanPtx(readFile(kFixtures / "exact_kernels.fast.ptx"));
  std::vector<std::string> approximate = instructionsWith(findings, PtxIssue::Approximate);
  EXPECT_NE(std::find(approximate.begin(), approximate.end(), "div.approx.ftz.f32"),
            approximate.end());
  EXPECT_NE(std::find(approximate.begin(), approximate.end(), "sqrt.approx.ftz.f32"),
            approximate.end());
  EXPECT_GT(count(findings, PtxIssue::FlushToZero), 0u);
}

TEST(PtxScanFixtures, TranscendentalsAndFloatAtomicsAreFoundUnderStrictFlags) {
  auto findings = scanPtx(readFile(kFixtures / "transcendental_kernels.strict.ptx"));
  std::vector<std::string> approximate = instructionsWith(findings, PtxIssue::Approximate);
  EXPECT_NE(std::find(approximate.begin(), approximate.end(), "ex2.approx.ftz.f32"),
            approximate.end());
  EXPECT_NE(std::find(approximate.begin(), approximate.end(), "sin.approx.f32"), approximate.end());
  EXPECT_EQ(instructionsWith(findings, PtxIssue::FloatAtomic),
            (std::vector<std::string>{"atom.global.add.f32"}));
}

#ifdef VCC_NVCC
// The same, on what this machine's nvcc emits now (-ptx: compile only).
std::string compileWithNvcc(const std::string& source, const std::string& flags) {
  // Unique per process and call: several builds may test on one machine.
  static int calls = 0;
  std::filesystem::path output =
      std::filesystem::temp_directory_path() /
      ("vcc_ptx_scan_" + std::to_string(::getpid()) + "_" + std::to_string(++calls) + ".ptx");
  std::string command = std::string(VCC_NVCC) + " -ptx -arch=sm_80 " + flags + " " +
                        (kFixtures / source).string() + " -o " + output.string();
  if (std::system(command.c_str()) != 0) return {};
  std::string ptx = readFile(output);
  std::filesystem::remove(output);
  return ptx;
}

TEST(PtxScanNvcc, VccFlagsGiveCleanPtxAndFastMathDoesNot) {
  std::string strict =
      compileWithNvcc("exact_kernels.cu", "-fmad=false -prec-div=true -prec-sqrt=true -ftz=false");
  ASSERT_FALSE(strict.empty()) << "nvcc failed";
  EXPECT_TRUE(scanPtx(strict).empty());
  std::string fast = compileWithNvcc("exact_kernels.cu", "-use_fast_math");
  ASSERT_FALSE(fast.empty()) << "nvcc failed";
  auto findings = scanPtx(fast);
  EXPECT_GT(count(findings, PtxIssue::Approximate), 0u);
  EXPECT_GT(count(findings, PtxIssue::FlushToZero), 0u);
}
#endif

} // namespace
} // namespace vcc::ptx
