// Function attributes that change floating-point semantics for a whole
// function: Clang sets them for -ffast-math and its parts, and for
// -fdenormal-fp-math (flush-to-zero / denormals-are-zero). The RV64 image
// uses IEEE soft-float with denormals, so the native side must too.
#include "Diagnostics.hpp"
#include "Passes.hpp"

#include "llvm/IR/Function.h"

namespace vcc::ir {
namespace {

struct UnsafeAttribute {
  llvm::StringLiteral name;
  llvm::StringLiteral option;
};

constexpr UnsafeAttribute kUnsafeAttributes[] = {
    {"unsafe-fp-math", "-ffast-math/-funsafe-math-optimizations"},
    {"no-nans-fp-math", "-ffinite-math-only/-fno-honor-nans"},
    {"no-infs-fp-math", "-ffinite-math-only/-fno-honor-infinities"},
    {"no-signed-zeros-fp-math", "-fno-signed-zeros"},
    {"approx-func-fp-math", "-fapprox-func"},
};

// "ieee" and "ieee,ieee" keep denormals; anything else (preserve-sign,
// positive-zero, dynamic) may flush them on one target and not the other.
bool isIeeeDenormalMode(llvm::StringRef value) {
  auto [output, input] = value.split(',');
  return output == "ieee" && (input.empty() || input == "ieee");
}

} // namespace

llvm::PreservedAnalyses FloatAttributesCheck::run(llvm::Function& function,
                                                  llvm::FunctionAnalysisManager&) {
  ViolationReporter reporter(function);
  for (const UnsafeAttribute& unsafe : kUnsafeAttributes) {
    llvm::Attribute attribute = function.getFnAttribute(unsafe.name);
    if (attribute.isStringAttribute() && attribute.getValueAsString() == "true")
      reporter.reportFunction("vcc-float-attributes",
                              "function has \"" + llvm::Twine(unsafe.name) +
                                  "\"=\"true\", which lets LLVM change its floating-point "
                                  "results per target; remove " +
                                  unsafe.option);
  }
  for (llvm::StringRef name : {"denormal-fp-math", "denormal-fp-math-f32"}) {
    llvm::Attribute attribute = function.getFnAttribute(name);
    if (!attribute.isStringAttribute() || isIeeeDenormalMode(attribute.getValueAsString()))
      continue;
    reporter.reportFunction("vcc-float-attributes",
                            "function has \"" + name + "\"=\"" + attribute.getValueAsString() +
                                "\": flushing denormals to zero differs from the VM's IEEE "
                                "soft-float; remove -fdenormal-fp-math/-ffast-math (vcc needs "
                                "-fdenormal-fp-math=ieee, the default)");
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
