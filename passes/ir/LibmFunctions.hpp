// The C math library's functions whose results are not exactly specified by
// IEEE 754 (transcendentals and friends): each libm rounds them its own way,
// so glibc on the native side and picolibc in the VM image disagree in the
// last bits. vcc's stdlib (vcc::math) provides exact-operation versions.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace vcc::ir {

// True for exp, expf, expl, tanh, erf, pow, sin, sincos, cbrt, hypot, ...,
// glibc's __exp_finite-style aliases and C23's sinpi/rsqrt/... families.
bool isLibmTranscendental(llvm::StringRef symbol);

// The base name without the float/long double suffix or glibc decoration,
// for diagnostics: "expf" -> "exp", "__log_finite" -> "log".
llvm::StringRef libmBaseName(llvm::StringRef symbol);

// What to use instead of the libm function `base`: "use vcc::math::exp from
// <vcc/math.hpp>", or, where vcc::math has no such function (keep the list
// in LibmFunctions.cpp in step with stdlib/include/vcc/math.hpp), what it
// does have.
std::string vccMathAdvice(llvm::StringRef base);

} // namespace vcc::ir
