// Math intrinsics whose results are not exactly specified. llvm.fmuladd is
// "fused or not, as the target likes" (Clang emits it for a*b+c under
// -ffp-contract=on). The transcendental intrinsics (llvm.exp, llvm.sin,
// llvm.pow, ...; Clang emits them for exp()/__builtin_exp with
// -fno-math-errno) are lowered to each target's libm or an approximation.
// llvm.lround/lrint and friends leave out-of-range results unspecified.
// Exact intrinsics stay allowed: llvm.sqrt, llvm.fma (Clang emits it only
// for an explicit fma call), llvm.fabs, llvm.floor, llvm.minnum, ...
#include "Diagnostics.hpp"
#include "LibmFunctions.hpp"
#include "Passes.hpp"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"

namespace vcc::ir {
namespace {

enum class Problem { None, Fmuladd, Approximate, UnspecifiedRange };

// "llvm.experimental.constrained.exp.f64" -> "exp"; "llvm.vp.fmuladd.v4f32" -> "fmuladd".
llvm::StringRef operationOf(llvm::StringRef intrinsic) {
  intrinsic.consume_front("llvm.");
  intrinsic.consume_front("experimental.constrained.");
  intrinsic.consume_front("vp.");
  return intrinsic.split('.').first;
}

Problem classify(llvm::StringRef operation) {
  return llvm::StringSwitch<Problem>(operation)
      .Case("fmuladd", Problem::Fmuladd)
      .Cases("exp", "exp2", "exp10", "log", "log2", "log10", Problem::Approximate)
      .Cases("sin", "cos", "tan", "asin", "acos", "atan", "atan2", Problem::Approximate)
      .Cases("sinh", "cosh", "tanh", "pow", "powi", Problem::Approximate)
      .Cases("lround", "llround", "lrint", "llrint", Problem::UnspecifiedRange)
      .Default(Problem::None);
}

} // namespace

llvm::PreservedAnalyses FloatIntrinsicsCheck::run(llvm::Function& function,
                                                  llvm::FunctionAnalysisManager&) {
  ViolationReporter reporter(function);
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction);
    const llvm::Function* callee = call != nullptr ? call->getCalledFunction() : nullptr;
    if (callee == nullptr || !callee->isIntrinsic()) continue;
    llvm::StringRef name = callee->getName();
    llvm::StringRef operation = operationOf(name);
    switch (classify(operation)) {
    case Problem::None: break;
    case Problem::Fmuladd:
      reporter.report(instruction, "vcc-float-intrinsics",
                      "'" + name +
                          "' (a*b+c that each target may or may not fuse) is not bit-exact; "
                          "compile with -ffp-contract=off, and write std::fma where a fused "
                          "multiply-add is meant");
      break;
    case Problem::Approximate:
      reporter.report(instruction, "vcc-float-intrinsics",
                      "'" + name + "' is not exactly rounded and differs between targets; " +
                          vccMathAdvice(operation == "powi" ? "pow" : operation));
      break;
    case Problem::UnspecifiedRange:
      reporter.report(instruction, "vcc-float-intrinsics",
                      "'" + name +
                          "' gives a target-specific result when the rounded value "
                          "does not fit the integer type; round with std::round/std::rint and "
                          "convert with a cast (vcc saturates casts)");
      break;
    }
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
