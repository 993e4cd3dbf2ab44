// The passes of the vcc IR plugin (SPEC §4), one per file. Checks report
// through Diagnostics.hpp and change nothing; they are "required", so they
// also run on -O0's optnone functions. docs/passes.md lists the rules.
#pragma once

#include "llvm/IR/PassManager.h"

namespace vcc::ir {

#define VCC_FUNCTION_PASS(ClassName)                                                               \
  struct ClassName : llvm::PassInfoMixin<ClassName> {                                              \
    llvm::PreservedAnalyses run(llvm::Function& function, llvm::FunctionAnalysisManager& manager); \
    static bool isRequired() { return true; }                                                      \
  };
#define VCC_MODULE_PASS(ClassName)                                                                 \
  struct ClassName : llvm::PassInfoMixin<ClassName> {                                              \
    llvm::PreservedAnalyses run(llvm::Module& module, llvm::ModuleAnalysisManager& manager);       \
    static bool isRequired() { return true; }                                                      \
  };

// vcc-fast-math-flags: no contract/reassoc/afn/arcp/nnan/ninf/nsz/fast.
VCC_FUNCTION_PASS(FastMathFlagsCheck)
// vcc-float-attributes: no unsafe-fp-math-style or flush-to-zero attributes.
VCC_FUNCTION_PASS(FloatAttributesCheck)
// vcc-float-intrinsics: no llvm.fmuladd, no approximate or range-unspecified
// math intrinsics (llvm.exp, llvm.sin, llvm.pow, llvm.lround, ...).
VCC_FUNCTION_PASS(FloatIntrinsicsCheck)
// vcc-libm-calls: no calls to libm transcendentals (exp, tanh, erf, pow, ...).
VCC_FUNCTION_PASS(LibmCallsCheck)
// vcc-long-double: no x86_fp80, fp128 or ppc_fp128 anywhere.
VCC_MODULE_PASS(LongDoubleCheck)
// vcc-volatile: no volatile loads, stores, atomics or memory intrinsics.
VCC_FUNCTION_PASS(VolatileCheck)
// vcc-inline-asm: no inline assembly outside runtime functions.
VCC_FUNCTION_PASS(InlineAsmCheck)
// vcc-module-asm: no file-scope asm("...") blocks.
VCC_MODULE_PASS(ModuleAsmCheck)
// vcc-atomics: no atomic instructions or fences outside runtime functions.
VCC_FUNCTION_PASS(AtomicsCheck)
// vcc-target-intrinsics: no llvm.x86.* / llvm.riscv.* outside runtime functions.
VCC_FUNCTION_PASS(TargetIntrinsicsCheck)
// vcc-external-calls: only allow-listed functions may be called or referenced.
VCC_FUNCTION_PASS(ExternalCallsCheck)
// vcc-external-references: the same for function addresses in global
// initializers (tables of function pointers, vtables).
VCC_MODULE_PASS(ExternalReferencesCheck)

// vcc-fuzz-dictionary: with -mllvm -vcc-fuzz-dictionary=PATH (vcc build
// --fuzzer), writes the constants the service compares its input with as
// a libFuzzer dictionary. Reads the IR only.
VCC_MODULE_PASS(FuzzDictionary)

// vcc-fptoint-saturate (canonicalization, changes the IR): fptosi/fptoui
// become llvm.fpto[su]i.sat, so an out-of-range or NaN conversion gives the
// same integer on every target instead of target-specific garbage.
VCC_FUNCTION_PASS(FloatToIntSaturation)
// vcc-minmax-signed-zero (canonicalization): llvm.minnum/maxnum become
// compares and selects with one answer for fmin(+0.0, -0.0) everywhere.
VCC_FUNCTION_PASS(MinMaxSignedZero)
// vcc-defined-division (canonicalization): x / 0, x % 0, INT_MIN / -1 and
// INT_MIN % -1 give RISC-V's results on every target instead of SIGFPE.
VCC_FUNCTION_PASS(DefinedDivision)
// vcc-defined-bit-operations (canonicalization): ctlz/cttz of zero give the
// width; shift amounts are masked to the width.
VCC_FUNCTION_PASS(DefinedBitOperations)
// vcc-memcpy-as-memmove (canonicalization): memcpy has memmove's semantics.
VCC_FUNCTION_PASS(MemcpyAsMemmove)
// vcc-canonical-nan (canonicalization): a NaN stored to memory, bitcast to
// an integer or used as copysign's sign is the canonical quiet NaN.
VCC_FUNCTION_PASS(CanonicalNaN)
// vcc-stack-budget (canonicalization): one counted stack budget on every
// target; past it the program traps (__vcc_stack_overflow).
VCC_MODULE_PASS(StackBudget)

#undef VCC_FUNCTION_PASS
#undef VCC_MODULE_PASS

// vcc-verify: every check above, on a module.
void addChecks(llvm::ModulePassManager& passes);
// vcc-canonicalize: the IR rewrites, on a module.
void addCanonicalizations(llvm::ModulePassManager& passes);

} // namespace vcc::ir
