// The plugin's entry point. Clang (`-fpass-plugin=VccIrChecks.so`) runs the
// checks and then the canonicalizations at the start of its optimization
// pipeline, on the IR exactly as the frontend emitted it (every function
// still separate, so runtime functions can be told apart, and nothing yet
// inlined or rewritten), at every -O level. opt gets the passes by name.
#include "Passes.hpp"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"

namespace vcc::ir {
namespace {

// -mllvm -vcc-checks=false: only the canonicalizations. For code that the
// driver checks in another compile of the same source but must still
// rewrite: the host half of nvcc's build, which also holds nvcc's own
// kernel-launch stubs (docs/passes.md, "The CUDA build").
llvm::cl::opt<bool> runChecks("vcc-checks", llvm::cl::init(true),
                              llvm::cl::desc("Run vcc's IR checks before the canonicalizations"));

bool parseModulePass(llvm::StringRef name, llvm::ModulePassManager& passes,
                     llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
  if (name == "vcc-verify") return addChecks(passes), true;
  if (name == "vcc-canonicalize") return addCanonicalizations(passes), true;
  if (name == "vcc-determinism") return addChecks(passes), addCanonicalizations(passes), true;
  if (name == "vcc-long-double") return passes.addPass(LongDoubleCheck()), true;
  if (name == "vcc-module-asm") return passes.addPass(ModuleAsmCheck()), true;
  if (name == "vcc-external-references") return passes.addPass(ExternalReferencesCheck()), true;
  if (name == "vcc-stack-budget") return passes.addPass(StackBudget()), true;
  if (name == "vcc-fuzz-dictionary") return passes.addPass(FuzzDictionary()), true;
  return false;
}

bool parseFunctionPass(llvm::StringRef name, llvm::FunctionPassManager& passes,
                       llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
  if (name == "vcc-fast-math-flags") return passes.addPass(FastMathFlagsCheck()), true;
  if (name == "vcc-float-attributes") return passes.addPass(FloatAttributesCheck()), true;
  if (name == "vcc-float-intrinsics") return passes.addPass(FloatIntrinsicsCheck()), true;
  if (name == "vcc-libm-calls") return passes.addPass(LibmCallsCheck()), true;
  if (name == "vcc-volatile") return passes.addPass(VolatileCheck()), true;
  if (name == "vcc-inline-asm") return passes.addPass(InlineAsmCheck()), true;
  if (name == "vcc-atomics") return passes.addPass(AtomicsCheck()), true;
  if (name == "vcc-target-intrinsics") return passes.addPass(TargetIntrinsicsCheck()), true;
  if (name == "vcc-external-calls") return passes.addPass(ExternalCallsCheck()), true;
  if (name == "vcc-fptoint-saturate") return passes.addPass(FloatToIntSaturation()), true;
  if (name == "vcc-minmax-signed-zero") return passes.addPass(MinMaxSignedZero()), true;
  if (name == "vcc-defined-division") return passes.addPass(DefinedDivision()), true;
  if (name == "vcc-defined-bit-operations") return passes.addPass(DefinedBitOperations()), true;
  if (name == "vcc-memcpy-as-memmove") return passes.addPass(MemcpyAsMemmove()), true;
  if (name == "vcc-canonical-nan") return passes.addPass(CanonicalNaN()), true;
  return false;
}

void registerCallbacks(llvm::PassBuilder& builder) {
  builder.registerPipelineParsingCallback(parseModulePass);
  builder.registerPipelineParsingCallback(parseFunctionPass);
  builder.registerPipelineStartEPCallback(
      [](llvm::ModulePassManager& passes, llvm::OptimizationLevel) {
        if (runChecks) addChecks(passes);
        addCanonicalizations(passes);
      });
  // NaN bits are canonicalized where memory and integers can observe them:
  // after the optimizer has turned locals into registers, so that only real
  // stores and bitcasts pay (at the start every local float is a store).
  builder.registerOptimizerLastEPCallback([](llvm::ModulePassManager& passes, llvm::OptimizationLevel) {
    passes.addPass(llvm::createModuleToFunctionPassAdaptor(CanonicalNaN()));
    passes.addPass(FuzzDictionary());  // does nothing without -vcc-fuzz-dictionary
  });
}

} // namespace

void addChecks(llvm::ModulePassManager& passes) {
  passes.addPass(ModuleAsmCheck());
  passes.addPass(LongDoubleCheck());
  passes.addPass(ExternalReferencesCheck());
  llvm::FunctionPassManager functionChecks;
  functionChecks.addPass(FloatAttributesCheck());
  functionChecks.addPass(FastMathFlagsCheck());
  functionChecks.addPass(FloatIntrinsicsCheck());
  functionChecks.addPass(LibmCallsCheck());
  functionChecks.addPass(TargetIntrinsicsCheck());
  functionChecks.addPass(InlineAsmCheck());
  functionChecks.addPass(VolatileCheck());
  functionChecks.addPass(AtomicsCheck());
  functionChecks.addPass(ExternalCallsCheck());
  passes.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(functionChecks)));
}

void addCanonicalizations(llvm::ModulePassManager& passes) {
  llvm::FunctionPassManager rewrites;
  rewrites.addPass(DefinedDivision());
  rewrites.addPass(DefinedBitOperations());
  rewrites.addPass(MemcpyAsMemmove());
  rewrites.addPass(FloatToIntSaturation());
  rewrites.addPass(MinMaxSignedZero());
  passes.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(rewrites)));
  passes.addPass(StackBudget());
}

} // namespace vcc::ir

extern "C" __attribute__((visibility("default"))) ::llvm::PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "vcc-ir-checks", "0.1", vcc::ir::registerCallbacks};
}
