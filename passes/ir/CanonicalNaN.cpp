// Canonicalization. A NaN that arithmetic produces has target-specific
// bits: x86-64 gives 0xffc00000 (sign set) and propagates payloads, RV64's
// soft-float the canonical 0x7fc00000. A program observes them only by
// storing a float to memory (and reading the bytes), by bitcasting it to an
// integer, or through copysign's sign operand. This pass replaces a NaN by
// the canonical quiet NaN (0x7fc00000, 0x7ff8000000000000) at exactly
// those places, on every target, so float memory and float bits never hold
// another NaN (docs/passes.md, "Defined semantics"). Values in registers
// keep whatever NaN they have; no operation can tell them apart.
//
// A value that ValueTracking proves never NaN (from how it was computed,
// and from the branches and assumptions that dominate the use) needs no
// check: an integer converted to float, a product of such values with
// finite constants, a value the code already tested with x == x, ... This
// keeps the cost in the math library, whose bit manipulations of values
// it has classified are bitcasts, near zero.
#include "Passes.hpp"

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/DomConditionCache.h"
#include "llvm/Analysis/SimplifyQuery.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

namespace vcc::ir {
namespace {

bool isFloat(const llvm::Type* type) {
  const llvm::Type* scalar = type->getScalarType();
  return scalar->isFloatTy() || scalar->isDoubleTy() || scalar->isHalfTy() || scalar->isBFloatTy();
}

// x is NaN ? canonical NaN : x, inserted before `at` (IRBuilder folds it
// for constants).
llvm::Value* canonicalize(llvm::Value* value, llvm::Instruction* at) {
  llvm::IRBuilder<> builder(at);
  llvm::Value* isNaN = builder.CreateFCmpUNO(value, value);
  llvm::Value* result = builder.CreateSelect(isNaN, llvm::ConstantFP::getQNaN(value->getType()), value);
  for (llvm::Value* created : {isNaN, result})
    if (auto* instruction = llvm::dyn_cast<llvm::Instruction>(created)) instruction->setDebugLoc(at->getDebugLoc());
  return result;
}

} // namespace

llvm::PreservedAnalyses CanonicalNaN::run(llvm::Function& function, llvm::FunctionAnalysisManager& analyses) {
  struct Use {
    llvm::Instruction* user;
    unsigned operand;
  };
  llvm::SmallVector<Use, 16> uses;
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    if (auto* store = llvm::dyn_cast<llvm::StoreInst>(&instruction)) {
      if (isFloat(store->getValueOperand()->getType())) uses.push_back({store, 0});
    } else if (auto* cast = llvm::dyn_cast<llvm::BitCastInst>(&instruction)) {
      if (isFloat(cast->getSrcTy()) && !isFloat(cast->getDestTy())) uses.push_back({cast, 0});
    } else if (auto* call = llvm::dyn_cast<llvm::IntrinsicInst>(&instruction)) {
      if (call->getIntrinsicID() == llvm::Intrinsic::copysign) uses.push_back({call, 1});
    }
  }
  if (uses.empty()) return llvm::PreservedAnalyses::all();
  // Facts are gathered before any select is inserted; the checks inserted
  // below change no branch, so they stay true.
  const llvm::DominatorTree& dominators = analyses.getResult<llvm::DominatorTreeAnalysis>(function);
  llvm::AssumptionCache& assumptions = analyses.getResult<llvm::AssumptionAnalysis>(function);
  const llvm::TargetLibraryInfo& libraries = analyses.getResult<llvm::TargetLibraryAnalysis>(function);
  llvm::DomConditionCache conditions;
  for (llvm::BasicBlock& block : function)
    if (auto* branch = llvm::dyn_cast<llvm::BranchInst>(block.getTerminator()); branch && branch->isConditional())
      conditions.registerBranch(branch);
  const llvm::SimplifyQuery query(function.getDataLayout(), &libraries, &dominators, &assumptions, nullptr,
                                  /*UseInstrInfo=*/true, /*CanUseUndef=*/true, &conditions);
  llvm::SmallVector<Use, 16> needed;
  for (const Use& use : uses)
    if (!llvm::isKnownNeverNaN(use.user->getOperand(use.operand), 0, query.getWithInstruction(use.user)))
      needed.push_back(use);
  bool changed = false;
  for (const Use& use : needed) {
    llvm::Value* original = use.user->getOperand(use.operand);
    llvm::Value* replacement = canonicalize(original, use.user);
    if (replacement != original) {
      use.user->setOperand(use.operand, replacement);
      changed = true;
    }
  }
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace vcc::ir
