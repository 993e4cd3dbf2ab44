// vcc-no-long-double: `long double` is 80-bit x87 extended precision on
// x86-64 and 128-bit software floating point on RV64, so the same source
// computes different bits on the two targets.
//
// Reported: every place `long double` is spelled (declarations, casts,
// template arguments, aliases), long double literals (1.0L), and calls to
// library functions that return long double (strtold, std::stold, sqrtl,
// ...), so that values of the type cannot enter the program unseen.
#include "Rule.hpp"
#include "rules/LibraryFunctions.hpp"

#include "clang/AST/Expr.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kInstead =
    "use double: long double is 80-bit on x86-64 and 128-bit software floating point on RV64";

AST_MATCHER(clang::QualType, isLongDouble) {
  return Node->isSpecificBuiltinType(clang::BuiltinType::LongDouble);
}

class NoLongDoubleRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(MatchFinder& finder) override {
    finder.addMatcher(
        typeLoc(loc(qualType(isLongDouble())), unless(qualifiedTypeLoc())).bind("type"), this);
    finder.addMatcher(floatLiteral(hasType(qualType(isLongDouble()))).bind("literal"), this);
    finder.addMatcher(
        declRefExpr(to(functionDecl(returns(qualType(isLongDouble()))).bind("function")))
            .bind("reference"),
        this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    const clang::SourceManager& sources = *result.SourceManager;
    if (const auto* type = result.Nodes.getNodeAs<clang::TypeLoc>("type")) {
      if (type->getTypeLocClass() != clang::TypeLoc::Builtin)
        return; // an alias: reported where declared
      clang::SourceRange range = type->getSourceRange();
      std::vector<clang::FixItHint> fixIts;
      if (range.getBegin().isFileID() && range.getEnd().isFileID()) {
        fixIts.push_back(clang::FixItHint::CreateReplacement(range, "double"));
      }
      report(range.getBegin(), "'long double' type", kInstead, fixIts);
    } else if (const auto* literal = result.Nodes.getNodeAs<clang::FloatingLiteral>("literal")) {
      std::vector<clang::FixItHint> fixIts;
      clang::SourceLocation location = literal->getLocation();
      if (location.isFileID()) {
        llvm::StringRef text =
            clang::Lexer::getSourceText(clang::CharSourceRange::getTokenRange(location), sources,
                                        result.Context->getLangOpts());
        if (!text.empty() && (text.back() == 'L' || text.back() == 'l')) {
          clang::SourceLocation suffix =
              location.getLocWithOffset(static_cast<int>(text.size()) - 1);
          fixIts.push_back(clang::FixItHint::CreateRemoval(
              clang::CharSourceRange::getCharRange(suffix, suffix.getLocWithOffset(1))));
        }
      }
      report(location, "'long double' literal", kInstead, fixIts);
    } else if (const auto* reference = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference")) {
      const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function");
      // A service's own function already spells the type in its declaration.
      clang::SourceLocation declared = function->getFirstDecl()->getLocation();
      if (declared.isValid() && !sources.isInSystemHeader(declared)) return;
      report(reference->getBeginLoc(),
             "'" + spelledName(*reference, *result.Context) + "' returns 'long double'", kInstead);
    }
  }
};

} // namespace

extern const RuleDescriptor kNoLongDoubleRule = {
    "vcc-no-long-double",
    "long double: the type, its literals (1.0L), and library functions returning it",
    createRule<NoLongDoubleRule>};

} // namespace vcc::frontend
