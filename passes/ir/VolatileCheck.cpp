// `volatile` is for memory-mapped devices and signal handlers, which a
// service has neither; the VM has no device memory. Rejected in volatile
// loads and stores, volatile atomics and volatile memcpy/memmove/memset
// (struct copies of volatile objects). Runtime functions are exempt.
#include "AllowList.hpp"
#include "Diagnostics.hpp"
#include "Passes.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

namespace vcc::ir {
namespace {

// "volatile load", ..., or null when the instruction is not volatile.
const char* volatileAccess(const llvm::Instruction& instruction) {
  if (const auto* load = llvm::dyn_cast<llvm::LoadInst>(&instruction))
    return load->isVolatile() ? "volatile load" : nullptr;
  if (const auto* store = llvm::dyn_cast<llvm::StoreInst>(&instruction))
    return store->isVolatile() ? "volatile store" : nullptr;
  if (const auto* rmw = llvm::dyn_cast<llvm::AtomicRMWInst>(&instruction))
    return rmw->isVolatile() ? "volatile atomicrmw" : nullptr;
  if (const auto* exchange = llvm::dyn_cast<llvm::AtomicCmpXchgInst>(&instruction))
    return exchange->isVolatile() ? "volatile cmpxchg" : nullptr;
  if (const auto* memory = llvm::dyn_cast<llvm::MemIntrinsic>(&instruction))
    return memory->isVolatile() ? "volatile memory copy or fill" : nullptr;
  return nullptr;
}

} // namespace

llvm::PreservedAnalyses VolatileCheck::run(llvm::Function& function,
                                           llvm::FunctionAnalysisManager&) {
  if (activeAllowList(*function.getParent()).isRuntimeFunction(function))
    return llvm::PreservedAnalyses::all();
  ViolationReporter reporter(function);
  for (llvm::Instruction& instruction : llvm::instructions(function))
    if (const char* access = volatileAccess(instruction))
      reporter.report(instruction, "vcc-volatile",
                      llvm::Twine(access) +
                          ": 'volatile' is not allowed in a vcc program (there is no device "
                          "memory to talk to); remove the qualifier");
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
