// The global-initializer half of vcc-external-calls: a table of function
// pointers (`static Clock clocks[] = {&time};`) reaches an external function
// without any instruction naming it, and an indirect call does the rest.
// Every function declaration that a global variable's initializer refers to
// must be allowed like a call. Virtual tables are globals too: their
// entries are the class's own methods or allow-listed library ones.
#include "AllowList.hpp"
#include "Diagnostics.hpp"
#include "LibmFunctions.hpp"
#include "Passes.hpp"
#include "SymbolNames.hpp"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

namespace vcc::ir {
namespace {

// The declared, non-intrinsic functions inside a constant, each once.
void collectDeclarations(const llvm::Constant* constant,
                         llvm::SmallPtrSetImpl<const llvm::Constant*>& visited,
                         llvm::SmallVectorImpl<const llvm::Function*>& found) {
  if (!visited.insert(constant).second) return;
  if (const auto* function = llvm::dyn_cast<llvm::Function>(constant)) {
    if (function->isDeclaration() && !function->isIntrinsic()) found.push_back(function);
    return;
  }
  if (llvm::isa<llvm::GlobalValue>(constant)) return; // other globals are checked on their own
  for (const llvm::Use& operand : constant->operands())
    if (const auto* element = llvm::dyn_cast<llvm::Constant>(operand.get()))
      collectDeclarations(element, visited, found);
}

} // namespace

llvm::PreservedAnalyses ExternalReferencesCheck::run(llvm::Module& module,
                                                     llvm::ModuleAnalysisManager&) {
  const AllowList& allowList = activeAllowList(module);
  for (const llvm::GlobalVariable& global : module.globals()) {
    if (!global.hasInitializer()) continue;
    llvm::SmallPtrSet<const llvm::Constant*, 16> visited;
    llvm::SmallVector<const llvm::Function*, 4> declarations;
    collectDeclarations(global.getInitializer(), visited, declarations);
    for (const llvm::Function* function : declarations) {
      llvm::StringRef base = libmBaseName(function->getName());
      if (!base.empty())
        reportModuleViolation(module, "vcc-libm-calls",
                              "global '" + displayName(global.getName()) +
                                  "' holds the address of libm function '" + function->getName() +
                                  "'; " + vccMathAdvice(base));
      else if (!allowList.allowsCall(*function))
        reportModuleViolation(module, "vcc-external-calls",
                              "global '" + displayName(global.getName()) +
                                  "' holds the address of external function '" +
                                  displayName(function->getName()) +
                                  "', which is not on the allow list; use the vcc stdlib, "
                                  "or add it to the list if it is deterministic on both "
                                  "targets");
    }
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
