// vcc-no-atomics: atomic operations outside vcc's stdlib. Their results
// depend on how threads interleave (a float atomic add on a GPU sums in
// arrival order); the stdlib's reductions have one fixed tree shape.
#include "Rule.hpp"
#include "rules/LibraryFunctions.hpp"
#include "rules/SpelledTypes.hpp"

#include "clang/AST/Expr.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kAtomicClasses[] = {"::std::atomic", "::std::atomic_ref",
                                              "::std::atomic_flag"};

// The std::atomic_* free functions and fences, and the compilers' __sync_* builtins.
constexpr llvm::StringRef kAtomicFunctionPattern =
    "^::(std::atomic_.*|atomic_.*|__sync_.*|kill_dependency|std::kill_dependency)$";

constexpr llvm::StringRef kInstead = "combine per-index results with the stdlib's reductions "
                                     "(vcc::reduce_sum and friends in vcc/kernel.hpp), "
                                     "which have a fixed order";

class NoAtomicsRule : public Rule {
public:
  using Rule::Rule;

  bool allowedInVccHeaders() const override { return true; }

  void registerMatchers(MatchFinder& finder) override {
    std::vector<llvm::StringRef> classes(std::begin(kAtomicClasses), std::end(kAtomicClasses));
    finder.addMatcher(spelledClass(namedDecl(hasAnyName(classes))), this);
    finder.addMatcher(
        declRefExpr(to(functionDecl(matchesName(kAtomicFunctionPattern)).bind("function")))
            .bind("reference"),
        this);
    // __atomic_* and __c11_atomic_* builtins.
    finder.addMatcher(atomicExpr().bind("builtin"), this);
    // C11 _Atomic(T).
    finder.addMatcher(typeLoc(loc(atomicType())).bind("atomicType"), this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    if (const auto* type = result.Nodes.getNodeAs<clang::TypeLoc>("type")) {
      if (!isReportedSpelling(*type)) return;
      const auto* named = result.Nodes.getNodeAs<clang::NamedDecl>("class");
      report(type->getBeginLoc(), "'" + spelledTypeName(*type, *named) + "' is an atomic type",
             kInstead);
      return;
    }
    if (const auto* type = result.Nodes.getNodeAs<clang::TypeLoc>("atomicType")) {
      report(type->getBeginLoc(), "'_Atomic' makes an atomic type", kInstead);
      return;
    }
    if (const auto* builtin = result.Nodes.getNodeAs<clang::AtomicExpr>("builtin")) {
      report(builtin->getBeginLoc(), "atomic builtin operation", kInstead);
      return;
    }
    const auto* reference = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference");
    const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function");
    if (!isLibraryFunction(*function)) return;
    report(reference->getBeginLoc(),
           "'" + spelledName(*reference, *result.Context) + "' is an atomic operation", kInstead);
  }
};

} // namespace

extern const RuleDescriptor kNoAtomicsRule = {
    "vcc-no-atomics",
    "atomics outside vcc's headers: std::atomic, std::atomic_ref, std::atomic_flag, atomic_* "
    "functions and "
    "fences, __atomic/__sync builtins, _Atomic",
    createRule<NoAtomicsRule>};

} // namespace vcc::frontend
