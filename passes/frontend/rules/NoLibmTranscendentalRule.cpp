// vcc-no-libm-transcendental: the C library's transcendental functions.
// Their last bits differ between libm implementations (glibc natively,
// picolibc in the RISC-V image, CUDA's on the GPU); vcc::math computes them
// from exact IEEE operations, identically on every target. Exact operations
// (sqrt, fma, fabs, floor, ceil, trunc, round, fmod, remainder, ldexp,
// frexp, fmin, fmax, copysign, nextafter, ...) are fine.
#include "Rule.hpp"
#include "rules/LibraryFunctions.hpp"

#include "clang/AST/Expr.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

// The double-precision names; float (f) and long double (l) variants and
// __builtin_ forms are derived from them.
constexpr llvm::StringRef kTranscendentals[] = {
    "exp",   "exp2",  "expm1", "exp10", "log",    "log2",   "log10",    "log1p", "pow",   "sin",
    "cos",   "tan",   "asin",  "acos",  "atan",   "atan2",  "sinh",     "cosh",  "tanh",  "asinh",
    "acosh", "atanh", "erf",   "erfc",  "tgamma", "lgamma", "lgamma_r", "cbrt",  "hypot", "sincos",
    "j0",    "j1",    "jn",    "y0",    "y1",     "yn",     "sinpi",    "cospi", "tanpi"};

// C++17 mathematical special functions (std:: only).
constexpr llvm::StringRef kSpecialFunctions[] = {
    "assoc_laguerre", "assoc_legendre", "beta",         "comp_ellint_1", "comp_ellint_2",
    "comp_ellint_3",  "cyl_bessel_i",   "cyl_bessel_j", "cyl_bessel_k",  "cyl_neumann",
    "ellint_1",       "ellint_2",       "ellint_3",     "expint",        "hermite",
    "laguerre",       "legendre",       "riemann_zeta", "sph_bessel",    "sph_legendre",
    "sph_neumann"};

// What vcc/math.hpp provides (float and double overloads); the others get
// a note without a fix-it.
constexpr llvm::StringRef kVccMathFunctions[] = {"exp", "expm1", "log",  "log1p", "pow",
                                                 "sin", "cos",   "tanh", "erf",   "erfc"};

class NoLibmTranscendentalRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(MatchFinder& finder) override {
    std::vector<std::string> names;
    for (llvm::StringRef name : kTranscendentals) {
      for (llvm::StringRef suffix : {"", "f", "l"}) {
        std::string variant = (name + suffix).str();
        names.push_back("::" + variant);
        names.push_back("::std::" + variant);
        // libc++ 19 defines <cmath>'s overloads in std::__math (float
        // std::tanh is std::__math::tanh(float), inline in the header).
        names.push_back("::std::__math::" + variant);
        names.push_back("::__builtin_" + variant);
      }
    }
    for (llvm::StringRef name : kSpecialFunctions) {
      for (llvm::StringRef suffix : {"", "f", "l"})
        names.push_back(("::std::" + name + suffix).str());
    }
    finder.addMatcher(libraryFunctionReference(names), this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    const auto* reference = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference");
    const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function");
    if (!isLibraryFunction(*function)) return;
    std::string base = baseName(function->getName());
    bool provided = llvm::is_contained(kVccMathFunctions, base);
    std::string replacement = "vcc::math::" + base;
    std::vector<clang::FixItHint> fixIts;
    clang::SourceRange range = reference->getSourceRange();
    if (provided && range.getBegin().isFileID() && range.getEnd().isFileID() &&
        !reference->hasExplicitTemplateArgs()) {
      fixIts.push_back(clang::FixItHint::CreateReplacement(range, replacement));
    }
    std::string spelled = spelledName(*reference, *result.Context);
    std::string instead =
        provided ? "use " + replacement +
                       " (vcc/math.hpp): it is computed from exact operations, the same bits on "
                       "every target"
                 : "vcc::math has no " + base +
                       "; compute it from vcc::math functions and exact operations";
    report(reference->getBeginLoc(),
           "'" + spelled +
               "' is a libm transcendental function, whose result differs between C libraries",
           instead, fixIts);
  }

private:
  static bool isTranscendental(llvm::StringRef name) {
    for (llvm::StringRef candidate : kTranscendentals) {
      if (candidate == name) return true;
    }
    return false;
  }

  // "exp" for expf, expl, __builtin_expf, std::exp.
  static std::string baseName(llvm::StringRef name) {
    name.consume_front("__builtin_");
    if (isTranscendental(name)) return name.str();
    llvm::StringRef trimmed = name;
    if ((trimmed.consume_back("f") || trimmed.consume_back("l")) && isTranscendental(trimmed))
      return trimmed.str();
    trimmed = name;
    if (trimmed.consume_back("f") || trimmed.consume_back("l")) return trimmed.str();
    return name.str();
  }
};

} // namespace

extern const RuleDescriptor kNoLibmTranscendentalRule = {
    "vcc-no-libm-transcendental",
    "libm transcendental functions (exp, log, pow, sin, cos, tanh, erf, cbrt, hypot, ... with "
    "their f/l, std:: "
    "and __builtin_ forms, and the C++17 special functions): use vcc::math",
    createRule<NoLibmTranscendentalRule>};

} // namespace vcc::frontend
