// Fast-math flags let LLVM and each backend fuse (contract), reorder
// (reassoc), approximate (afn, arcp) or assume away NaN, infinity and the
// sign of zero (nnan, ninf, nsz). Any of them can make the x86-64 binary and
// the soft-float RV64 image round differently, so none is allowed; Clang
// emits none under vcc's -ffp-contract=off -fno-fast-math.
#include "Diagnostics.hpp"
#include "Passes.hpp"

#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Operator.h"

#include <string>

namespace vcc::ir {
namespace {

// The flags present, LLVM's spelling, and the Clang options that set them.
void describe(llvm::FastMathFlags flags, std::string& names, std::string& options) {
  auto add = [](std::string& list, llvm::StringRef item) {
    if (!list.empty()) list += ' ';
    list += item;
  };
  if (flags.isFast()) {
    names = "fast";
    options = "-ffast-math";
    return;
  }
  if (flags.allowContract()) add(names, "contract"), add(options, "-ffp-contract=fast");
  if (flags.allowReassoc()) add(names, "reassoc"), add(options, "-fassociative-math");
  if (flags.approxFunc()) add(names, "afn"), add(options, "-fapprox-func");
  if (flags.allowReciprocal()) add(names, "arcp"), add(options, "-freciprocal-math");
  if (flags.noNaNs()) add(names, "nnan"), add(options, "-ffinite-math-only/-fno-honor-nans");
  if (flags.noInfs()) add(names, "ninf"), add(options, "-ffinite-math-only/-fno-honor-infinities");
  if (flags.noSignedZeros()) add(names, "nsz"), add(options, "-fno-signed-zeros");
}

// "'fmul'", or "call to 'foo'" for a call.
std::string operationName(const llvm::Instruction& instruction) {
  if (const auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction))
    if (const llvm::Function* callee = call->getCalledFunction())
      return "call to '" + callee->getName().str() + "'";
  return "'" + std::string(instruction.getOpcodeName()) + "'";
}

} // namespace

llvm::PreservedAnalyses FastMathFlagsCheck::run(llvm::Function& function,
                                                llvm::FunctionAnalysisManager&) {
  ViolationReporter reporter(function);
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    auto* operation = llvm::dyn_cast<llvm::FPMathOperator>(&instruction);
    if (operation == nullptr || !operation->getFastMathFlags().any()) continue;
    std::string names, options;
    describe(operation->getFastMathFlags(), names, options);
    reporter.report(instruction, "vcc-fast-math-flags",
                    operationName(instruction) + " has fast-math flags '" + names +
                        "', which let LLVM fuse, reorder or approximate it differently on each "
                        "target; remove " +
                        options + " (vcc compiles with -ffp-contract=off -fno-fast-math)");
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
