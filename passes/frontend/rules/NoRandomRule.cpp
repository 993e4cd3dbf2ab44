// vcc-no-random: randomness. Entropy differs on every run, and the standard
// library's distributions and shuffles are implementation-defined: libstdc++
// (native) and libc++ (the RISC-V image) draw different numbers from the
// same engine state.
#include "Rule.hpp"
#include "rules/LibraryFunctions.hpp"
#include "rules/SpelledTypes.hpp"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/TypeLoc.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kRandomFunctions[] = {"rand",
                                                "srand",
                                                "rand_r",
                                                "random",
                                                "srandom",
                                                "initstate",
                                                "setstate",
                                                "drand48",
                                                "erand48",
                                                "lrand48",
                                                "nrand48",
                                                "mrand48",
                                                "jrand48",
                                                "srand48",
                                                "seed48",
                                                "lcong48",
                                                "arc4random",
                                                "arc4random_buf",
                                                "arc4random_uniform",
                                                "getrandom",
                                                "getentropy",
                                                "random_shuffle",
                                                "shuffle",
                                                "sample",
                                                "__builtin_ia32_rdrand16_step",
                                                "__builtin_ia32_rdrand32_step",
                                                "__builtin_ia32_rdrand64_step",
                                                "__builtin_ia32_rdseed16_step",
                                                "__builtin_ia32_rdseed32_step",
                                                "__builtin_ia32_rdseed64_step"};

// Entropy sources and the distributions whose algorithms the standard leaves open.
constexpr llvm::StringRef kRandomClasses[] = {"::std::random_device",
                                              "::std::uniform_int_distribution",
                                              "::std::uniform_real_distribution",
                                              "::std::bernoulli_distribution",
                                              "::std::binomial_distribution",
                                              "::std::geometric_distribution",
                                              "::std::negative_binomial_distribution",
                                              "::std::poisson_distribution",
                                              "::std::exponential_distribution",
                                              "::std::gamma_distribution",
                                              "::std::weibull_distribution",
                                              "::std::extreme_value_distribution",
                                              "::std::normal_distribution",
                                              "::std::lognormal_distribution",
                                              "::std::chi_squared_distribution",
                                              "::std::cauchy_distribution",
                                              "::std::fisher_f_distribution",
                                              "::std::student_t_distribution",
                                              "::std::discrete_distribution",
                                              "::std::piecewise_constant_distribution",
                                              "::std::piecewise_linear_distribution",
                                              "::std::generate_canonical"};

constexpr llvm::StringRef kInstead =
    "derive pseudo-random numbers from the request: seed a std::mt19937_64 (its output is fixed by "
    "the "
    "standard) from an argument and map its output to a range yourself";

class NoRandomRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(MatchFinder& finder) override {
    finder.addMatcher(libraryFunctionReference(globalAndStdNames(kRandomFunctions)), this);
    std::vector<llvm::StringRef> classes(std::begin(kRandomClasses), std::end(kRandomClasses));
    // Each place the type is spelled: `std::random_device rd;`, `std::normal_distribution<> d(0,
    // 1)`.
    finder.addMatcher(spelledClass(namedDecl(hasAnyName(classes))), this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    if (const auto* type = result.Nodes.getNodeAs<clang::TypeLoc>("type")) {
      const auto* named = result.Nodes.getNodeAs<clang::NamedDecl>("class");
      if (!isReportedSpelling(*type)) return;
      llvm::StringRef what = named->getName() == "random_device"
                                 ? "reads entropy"
                                 : "draws numbers by an implementation-defined algorithm";
      report(type->getBeginLoc(), "'" + spelledTypeName(*type, *named) + "' " + what, kInstead);
      return;
    }
    const auto* reference = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference");
    const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function");
    if (!isLibraryFunction(*function)) return;
    llvm::StringRef plain = function->getName();
    bool shuffles = plain == "shuffle" || plain == "random_shuffle" || plain == "sample";
    std::string name = spelledName(*reference, *result.Context);
    report(reference->getBeginLoc(),
           "'" + name + "' " +
               (shuffles ? "orders elements by an implementation-defined algorithm"
                         : "is a source of randomness"),
           kInstead);
  }
};

} // namespace

extern const RuleDescriptor kNoRandomRule = {"vcc-no-random",
                                             "randomness: rand, random, arc4random, getrandom, "
                                             "std::random_device, std distributions and shuffles",
                                             createRule<NoRandomRule>};

} // namespace vcc::frontend
