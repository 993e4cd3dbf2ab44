// Atomics exist to share memory between threads, and the order in which
// threads get there is the one thing that differs between two runs. A
// service is single-threaded in the VM and parallel only through the
// stdlib's kernel API, so atomic instructions and fences belong to runtime
// functions alone. One exception: the acquire load with which Clang checks
// a function-local static's guard variable (_ZGV...) before calling
// __cxa_guard_acquire.
#include "AllowList.hpp"
#include "Diagnostics.hpp"
#include "Passes.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

namespace vcc::ir {
namespace {

bool isStaticGuardLoad(const llvm::LoadInst& load) {
  const auto* guard =
      llvm::dyn_cast<llvm::GlobalVariable>(load.getPointerOperand()->stripPointerCasts());
  return guard != nullptr && guard->getName().starts_with("_ZGV");
}

// "atomicrmw add", "cmpxchg", "atomic load", "fence", or an empty string.
std::string atomicOperation(const llvm::Instruction& instruction) {
  if (const auto* rmw = llvm::dyn_cast<llvm::AtomicRMWInst>(&instruction))
    return ("atomicrmw " + llvm::AtomicRMWInst::getOperationName(rmw->getOperation())).str();
  if (llvm::isa<llvm::AtomicCmpXchgInst>(instruction)) return "cmpxchg";
  if (llvm::isa<llvm::FenceInst>(instruction)) return "fence";
  if (const auto* load = llvm::dyn_cast<llvm::LoadInst>(&instruction))
    return load->isAtomic() && !isStaticGuardLoad(*load) ? "atomic load" : "";
  if (const auto* store = llvm::dyn_cast<llvm::StoreInst>(&instruction))
    return store->isAtomic() ? "atomic store" : "";
  return "";
}

} // namespace

llvm::PreservedAnalyses AtomicsCheck::run(llvm::Function& function,
                                          llvm::FunctionAnalysisManager&) {
  if (activeAllowList(*function.getParent()).isRuntimeFunction(function))
    return llvm::PreservedAnalyses::all();
  ViolationReporter reporter(function);
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    std::string operation = atomicOperation(instruction);
    if (operation.empty()) continue;
    reporter.report(instruction, "vcc-atomics",
                    "'" + operation +
                        "' is not allowed outside the vcc stdlib: atomics make results depend "
                        "on thread scheduling; use vcc::parallel_for with a deterministic "
                        "reduction");
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
