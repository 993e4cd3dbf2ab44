// vcc-no-unordered-iteration: visiting the elements of an unordered
// container in its own order. That order comes from the standard library's
// hash functions and bucket counts, which differ between libstdc++ (native)
// and libc++ (the RISC-V image). Lookups (find, count, contains, at, []) are
// fine; only the iteration order is not.
#include "Rule.hpp"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kInstead =
    "iterate a std::map or std::set instead, or copy the keys into a std::vector and sort it";

bool isUnorderedContainer(clang::QualType type) {
  if (type.isNull()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !record->isInStdNamespace()) return false;
  llvm::StringRef name = record->getName();
  return name == "unordered_map" || name == "unordered_set" || name == "unordered_multimap" ||
         name == "unordered_multiset";
}

AST_MATCHER(clang::Expr, isUnorderedContainerExpr) {
  return isUnorderedContainer(Node.getType());
}

class NoUnorderedIterationRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(MatchFinder& finder) override {
    auto container = expr(isUnorderedContainerExpr()).bind("container");
    finder.addMatcher(cxxForRangeStmt(hasRangeInit(ignoringParenImpCasts(container))).bind("loop"),
                      this);
    finder.addMatcher(cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("begin", "cbegin"))),
                                        on(ignoringParenImpCasts(container)))
                          .bind("begin"),
                      this);
    finder.addMatcher(callExpr(callee(functionDecl(hasAnyName("::std::begin", "::std::cbegin"))),
                               hasArgument(0, ignoringParenImpCasts(container)))
                          .bind("begin"),
                      this);
    // std::ranges algorithms and views: ranges::for_each(m, f), m | views::keys.
    finder.addMatcher(callExpr(callee(functionDecl(matchesName("^::std::(__1::)?ranges::"))),
                               hasAnyArgument(ignoringParenImpCasts(container)))
                          .bind("ranges"),
                      this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    const auto* container = result.Nodes.getNodeAs<clang::Expr>("container");
    std::string type = container->getType().getNonReferenceType().getUnqualifiedType().getAsString(
        result.Context->getPrintingPolicy());
    if (const auto* loop = result.Nodes.getNodeAs<clang::CXXForRangeStmt>("loop")) {
      report(loop->getForLoc(),
             "range-based for loop over '" + type + "' depends on its unspecified iteration order",
             kInstead);
    } else if (const auto* begin = result.Nodes.getNodeAs<clang::CallExpr>("begin")) {
      if (isRangeForVariable(*container)) return; // the loop itself is reported
      report(begin->getBeginLoc(),
             "iterating '" + type + "' depends on its unspecified iteration order", kInstead);
    } else if (const auto* call = result.Nodes.getNodeAs<clang::CallExpr>("ranges")) {
      report(call->getBeginLoc(),
             "ranges algorithm over '" + type + "' depends on its unspecified iteration order",
             kInstead);
    }
  }

private:
  // The hidden `__range` variable of a range-based for loop.
  static bool isRangeForVariable(const clang::Expr& container) {
    const auto* reference = llvm::dyn_cast<clang::DeclRefExpr>(container.IgnoreParenImpCasts());
    return reference != nullptr && reference->getDecl()->isImplicit();
  }
};

} // namespace

extern const RuleDescriptor kNoUnorderedIterationRule = {
    "vcc-no-unordered-iteration",
    "iteration over std::unordered_map/set/multimap/multiset: range-for, begin()/cbegin(), "
    "std::ranges",
    createRule<NoUnorderedIterationRule>};

} // namespace vcc::frontend
