// Canonicalization. memcpy of overlapping ranges is undefined, and what it
// does depends on the target's copy loop (glibc's x86-64 memcpy, picolibc's
// RV64 one, or loads and stores the optimizer chose). Every llvm.memcpy
// that could overlap becomes llvm.memmove, whose result is defined for any
// overlap, on every target (docs/passes.md, "Defined semantics"). A copy
// into or out of a local whose address never escapes cannot overlap
// anything but that local, so it stays a memcpy: those are the copies the
// optimizer turns into registers (a vector loaded with __builtin_memcpy),
// and a memmove there would keep it in memory.
#include "Passes.hpp"

#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"

namespace vcc::ir {
namespace {

bool isPrivateLocal(const llvm::Value* object) {
  const auto* local = llvm::dyn_cast<llvm::AllocaInst>(object);
  return local != nullptr && !llvm::PointerMayBeCaptured(local, /*ReturnCaptures=*/true, /*StoreCaptures=*/true);
}

bool mayOverlap(const llvm::MemCpyInst& copy) {
  const llvm::Value* destination = llvm::getUnderlyingObject(copy.getRawDest());
  const llvm::Value* source = llvm::getUnderlyingObject(copy.getRawSource());
  if (destination == source) return true;
  return !isPrivateLocal(destination) && !isPrivateLocal(source);
}

} // namespace

llvm::PreservedAnalyses MemcpyAsMemmove::run(llvm::Function& function, llvm::FunctionAnalysisManager&) {
  llvm::SmallVector<llvm::MemCpyInst*, 8> copies;
  for (llvm::Instruction& instruction : llvm::instructions(function))
    if (auto* copy = llvm::dyn_cast<llvm::MemCpyInst>(&instruction))
      if (mayOverlap(*copy)) copies.push_back(copy);
  if (copies.empty()) return llvm::PreservedAnalyses::all();
  for (llvm::MemCpyInst* copy : copies) {
    llvm::IRBuilder<> builder(copy);
    llvm::CallInst* move = builder.CreateMemMove(copy->getRawDest(), copy->getDestAlign(), copy->getRawSource(),
                                                 copy->getSourceAlign(), copy->getLength(), copy->isVolatile());
    move->setDebugLoc(copy->getDebugLoc());
    move->setAAMetadata(copy->getAAMetadata());
    copy->eraseFromParent();
  }
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace vcc::ir
