// A function the module only declares runs code that vcc did not compile:
// glibc and libstdc++ natively, picolibc, libc++ and the guest runtime in
// the VM image. Only functions on the allow list, which behave the same in
// both, may be called or have their address taken. Intrinsics have their
// own rules; libm transcendentals get vcc-libm-calls' message instead.
#include "AllowList.hpp"
#include "Diagnostics.hpp"
#include "LibmFunctions.hpp"
#include "Passes.hpp"
#include "SymbolNames.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"

namespace vcc::ir {
namespace {

// The external function an operand names, through casts and aliases.
llvm::Function* externalFunction(llvm::Value* operand) {
  llvm::Value* stripped = operand->stripPointerCasts();
  if (auto* alias = llvm::dyn_cast<llvm::GlobalAlias>(stripped))
    stripped = alias->getAliaseeObject();
  auto* function = llvm::dyn_cast_or_null<llvm::Function>(stripped);
  if (function == nullptr || !function->isDeclaration() || function->isIntrinsic()) return nullptr;
  return function;
}

} // namespace

llvm::PreservedAnalyses ExternalCallsCheck::run(llvm::Function& function,
                                                llvm::FunctionAnalysisManager&) {
  const AllowList& allowList = activeAllowList(*function.getParent());
  if (allowList.isRuntimeFunction(function)) return llvm::PreservedAnalyses::all();
  ViolationReporter reporter(function);
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction);
    for (const llvm::Use& operand : instruction.operands()) {
      llvm::Function* callee = externalFunction(operand.get());
      if (callee == nullptr || isLibmTranscendental(callee->getName()) ||
          allowList.allowsCall(*callee))
        continue;
      bool isCall = call != nullptr && call->isCallee(&operand);
      reporter.report(instruction, "vcc-external-calls",
                      llvm::Twine(isCall ? "call to" : "address of") + " external function '" +
                          displayName(callee->getName()) +
                          "', which is not on the allow list: code outside the program may "
                          "behave differently natively and in the VM image; use the vcc "
                          "stdlib or write the function in the service (vcc's allow list, "
                          "passes/ir/allowed_calls.txt, names what a service may call)");
    }
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
