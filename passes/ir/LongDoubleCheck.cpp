// `long double` is x87 80-bit extended precision on x86-64 (x86_fp80) and
// IEEE binary128 in software on riscv64 (fp128): the same source computes
// different values. __float128 (fp128) and ppc_fp128 are rejected with it.
// Checked everywhere, runtime functions included: no code may use them.
#include "Diagnostics.hpp"
#include "Passes.hpp"
#include "SymbolNames.hpp"

#include "llvm/ADT/DenseSet.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

#include <string>

namespace vcc::ir {
namespace {

// The first wide float type inside type (through structs, arrays, vectors
// and function types), or null.
llvm::Type* findWideFloat(llvm::Type* type) {
  if (type->isX86_FP80Ty() || type->isFP128Ty() || type->isPPC_FP128Ty()) return type;
  for (llvm::Type* element : type->subtypes())
    if (llvm::Type* found = findWideFloat(element)) return found;
  return nullptr;
}

std::string describe(llvm::Type* wide) {
  if (wide->isX86_FP80Ty()) return "x86_fp80 ('long double' on x86-64)";
  if (wide->isFP128Ty()) return "fp128 ('long double' on riscv64, or __float128)";
  return "ppc_fp128";
}

constexpr const char* kAdvice =
    ", whose precision differs between the native binary and the VM image; use double";

// A type that an instruction produces, consumes or describes.
llvm::Type* findInInstruction(llvm::Instruction& instruction) {
  if (llvm::Type* found = findWideFloat(instruction.getType())) return found;
  for (llvm::Value* operand : instruction.operands())
    if (llvm::Type* found = findWideFloat(operand->getType())) return found;
  if (auto* alloca = llvm::dyn_cast<llvm::AllocaInst>(&instruction))
    return findWideFloat(alloca->getAllocatedType());
  if (auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(&instruction))
    return findWideFloat(gep->getSourceElementType());
  if (auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction))
    return findWideFloat(call->getFunctionType());
  return nullptr;
}

} // namespace

llvm::PreservedAnalyses LongDoubleCheck::run(llvm::Module& module, llvm::ModuleAnalysisManager&) {
  for (llvm::GlobalVariable& global : module.globals()) {
    if (llvm::Type* wide = findWideFloat(global.getValueType()))
      reportModuleViolation(module, "vcc-long-double",
                            "global variable '" + global.getName() + "' has type " +
                                describe(wide) + kAdvice);
  }
  for (llvm::Function& function : module) {
    if (function.isDeclaration()) continue;
    ViolationReporter reporter(function);
    // One error per source line: -O0 touches one long double many times.
    // Instructions without a debug location count as the function's line.
    const llvm::DISubprogram* subprogram = function.getSubprogram();
    unsigned functionLine = subprogram != nullptr ? subprogram->getLine() : 0;
    llvm::DenseSet<unsigned> reportedLines;
    if (llvm::Type* wide = findWideFloat(function.getFunctionType())) {
      reporter.reportFunction("vcc-long-double", "function '" + displayName(function.getName()) +
                                                     "' takes or returns " + describe(wide) +
                                                     kAdvice);
      reportedLines.insert(functionLine);
    }
    for (llvm::Instruction& instruction : llvm::instructions(function)) {
      llvm::Type* wide = findInInstruction(instruction);
      if (wide == nullptr) continue;
      const llvm::DebugLoc& location = instruction.getDebugLoc();
      if (!reportedLines.insert(location ? location.getLine() : functionLine).second) continue;
      reporter.report(instruction, "vcc-long-double", "use of " + describe(wide) + kAdvice);
    }
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
