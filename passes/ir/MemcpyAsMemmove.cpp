// Canonicalization. memcpy of overlapping ranges is undefined, and what it
// does depends on the target's copy loop (glibc's x86-64 memcpy, picolibc's
// RV64 one, or loads and stores the optimizer chose). Every llvm.memcpy
// becomes llvm.memmove, whose result is defined for any overlap, on every
// target (docs/passes.md, "Defined semantics"). LLVM's MemCpyOpt turns a
// memmove back into a memcpy where it proves the ranges do not overlap, so
// copies of distinct objects keep their speed.
#include "Passes.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"

namespace vcc::ir {

llvm::PreservedAnalyses MemcpyAsMemmove::run(llvm::Function& function, llvm::FunctionAnalysisManager&) {
  llvm::SmallVector<llvm::MemCpyInst*, 8> copies;
  for (llvm::Instruction& instruction : llvm::instructions(function))
    if (auto* copy = llvm::dyn_cast<llvm::MemCpyInst>(&instruction)) copies.push_back(copy);
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
