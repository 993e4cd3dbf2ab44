#include "LibmFunctions.hpp"

#include <algorithm>
#include <iterator>

namespace vcc::ir {
namespace {

constexpr llvm::StringLiteral kTranscendentals[] = {
    // C89/C99
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "cos", "cosh", "erf",
    "erfc", "exp", "exp2", "expm1", "hypot", "lgamma", "log", "log10", "log1p", "log2", "pow",
    "sin", "sinh", "tan", "tanh", "tgamma",
    // POSIX and GNU
    "exp10", "gamma", "j0", "j1", "jn", "lgamma_r", "pow10", "sincos", "y0", "y1", "yn",
    // C23
    "acospi", "asinpi", "atan2pi", "atanpi", "compoundn", "cospi", "exp10m1", "exp2m1", "log10p1",
    "log2p1", "logp1", "pown", "powr", "rootn", "rsqrt", "sinpi", "sincospi", "tanpi"};

// What vcc::math provides (stdlib/include/vcc/math.hpp).
constexpr llvm::StringLiteral kVccMath[] = {"cos",   "erf", "erfc",  "exp", "expm1", "log",
                                            "log1p", "pow", "rsqrt", "sin", "tanh"};

bool isTranscendentalBase(llvm::StringRef name) {
  return std::find(std::begin(kTranscendentals), std::end(kTranscendentals), name) !=
         std::end(kTranscendentals);
}

} // namespace

llvm::StringRef libmBaseName(llvm::StringRef symbol) {
  llvm::StringRef name = symbol;
  // glibc's internal entry points: __exp_finite, __expf_finite, __sincos, __exp10.
  if (name.consume_front("__")) name.consume_back("_finite");
  if (isTranscendentalBase(name)) return name;
  if (name == "lgammaf_r" || name == "lgammal_r") return "lgamma_r";
  // The float, long double and _Float128 variants: expf, expl, expf128.
  for (llvm::StringRef suffix : {"f", "l", "f128"}) {
    llvm::StringRef stem = name;
    if (stem.consume_back(suffix) && isTranscendentalBase(stem)) return stem;
  }
  return {};
}

bool isLibmTranscendental(llvm::StringRef symbol) {
  return !libmBaseName(symbol).empty();
}

std::string vccMathAdvice(llvm::StringRef base) {
  if (std::find(std::begin(kVccMath), std::end(kVccMath), base) != std::end(kVccMath))
    return "use vcc::math::" + base.str() + " from <vcc/math.hpp>";
  return "vcc::math has no '" + base.str() +
         "'; build it from what <vcc/math.hpp> has (exp, expm1, log, log1p, pow, sin, cos, "
         "tanh, erf, erfc, rsqrt)";
}

} // namespace vcc::ir
