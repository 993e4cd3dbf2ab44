// File-scope asm("...") blocks: target machine code, like inline assembly,
// but belonging to no function, so no runtime function can vouch for them.
#include "Diagnostics.hpp"
#include "Passes.hpp"

#include "llvm/IR/Module.h"

namespace vcc::ir {

llvm::PreservedAnalyses ModuleAsmCheck::run(llvm::Module& module, llvm::ModuleAnalysisManager&) {
  llvm::StringRef assembly = llvm::StringRef(module.getModuleInlineAsm()).trim();
  if (!assembly.empty())
    reportModuleViolation(module, "vcc-inline-asm",
                          llvm::Twine(module.getSourceFileName()) + ": file-scope asm(\"" +
                              assembly.split('\n').first.trim() +
                              "\") is machine code for one target; remove it");
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
