// vcc-no-volatile: volatile objects, members and pointees outside vcc's
// headers. A service has no memory-mapped devices or signal handlers, and
// volatile is no way to share data between threads; the native and RISC-V
// compilers may also order its accesses differently.
#include "Rule.hpp"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kInstead =
    "remove 'volatile': share results between iterations through the kernel API (vcc/kernel.hpp), "
    "and "
    "keep a computation from being optimized away by returning its result";

// Whether `type` is volatile or points or refers to something volatile, at any depth.
bool mentionsVolatile(clang::QualType type) {
  while (!type.isNull()) {
    clang::QualType canonical = type.getCanonicalType();
    if (canonical.isVolatileQualified()) return true;
    if (const auto* pointer = canonical->getAs<clang::PointerType>()) {
      type = pointer->getPointeeType();
    } else if (const auto* reference = canonical->getAs<clang::ReferenceType>()) {
      type = reference->getPointeeType();
    } else if (const auto* member = canonical->getAs<clang::MemberPointerType>()) {
      type = member->getPointeeType();
    } else if (const auto* array = canonical->getAsArrayTypeUnsafe()) {
      type = array->getElementType();
    } else {
      return false;
    }
  }
  return false;
}

AST_MATCHER(clang::ValueDecl, hasVolatileInType) {
  return mentionsVolatile(Node.getType());
}
AST_MATCHER(clang::FunctionDecl, returnsVolatile) {
  return mentionsVolatile(Node.getReturnType());
}
AST_MATCHER(clang::TypedefNameDecl, aliasesVolatile) {
  return mentionsVolatile(Node.getUnderlyingType());
}
AST_MATCHER(clang::CXXMethodDecl, isVolatileMethod) {
  return Node.getMethodQualifiers().hasVolatile();
}
AST_MATCHER(clang::ExplicitCastExpr, castsToVolatile) {
  return mentionsVolatile(Node.getTypeAsWritten());
}
AST_MATCHER(clang::CXXNewExpr, allocatesVolatile) {
  return mentionsVolatile(Node.getAllocatedType());
}

class NoVolatileRule : public Rule {
public:
  using Rule::Rule;

  bool allowedInVccHeaders() const override { return true; }

  void registerMatchers(MatchFinder& finder) override {
    finder.addMatcher(varDecl(hasVolatileInType(), unless(isImplicit())).bind("variable"), this);
    finder.addMatcher(fieldDecl(hasVolatileInType(), unless(isImplicit())).bind("variable"), this);
    finder.addMatcher(functionDecl(returnsVolatile(), unless(isImplicit())).bind("function"), this);
    finder.addMatcher(cxxMethodDecl(isVolatileMethod(), unless(isImplicit())).bind("method"), this);
    finder.addMatcher(typedefNameDecl(aliasesVolatile()).bind("alias"), this);
    finder.addMatcher(explicitCastExpr(castsToVolatile()).bind("cast"), this);
    finder.addMatcher(cxxNewExpr(allocatesVolatile()).bind("new"), this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    const clang::SourceManager& sources = *result.SourceManager;
    const clang::LangOptions& language = result.Context->getLangOpts();
    if (const auto* variable = result.Nodes.getNodeAs<clang::DeclaratorDecl>("variable")) {
      llvm::StringRef kind = llvm::isa<clang::ParmVarDecl>(variable) ? "parameter"
                             : llvm::isa<clang::FieldDecl>(variable) ? "member"
                                                                     : "variable";
      report(variable->getLocation(),
             kind + " '" + variable->getNameAsString() + "' has volatile-qualified type '" +
                 typeName(variable->getType(), *result.Context) + "'",
             kInstead,
             removeVolatile(variable->getBeginLoc(), variable->getLocation(), sources, language));
    } else if (const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function")) {
      report(function->getLocation(),
             "function '" + function->getNameAsString() + "' returns volatile-qualified type '" +
                 typeName(function->getReturnType(), *result.Context) + "'",
             kInstead,
             removeVolatile(function->getBeginLoc(), function->getLocation(), sources, language));
    } else if (const auto* method = result.Nodes.getNodeAs<clang::CXXMethodDecl>("method")) {
      report(method->getLocation(),
             "member function '" + method->getNameAsString() + "' is volatile-qualified", kInstead);
    } else if (const auto* alias = result.Nodes.getNodeAs<clang::TypedefNameDecl>("alias")) {
      report(alias->getLocation(),
             "type alias '" + alias->getNameAsString() + "' names volatile-qualified type '" +
                 typeName(alias->getUnderlyingType(), *result.Context) + "'",
             kInstead);
    } else if (const auto* cast = result.Nodes.getNodeAs<clang::ExplicitCastExpr>("cast")) {
      clang::SourceRange written = cast->getTypeInfoAsWritten()->getTypeLoc().getSourceRange();
      report(cast->getBeginLoc(),
             "cast to volatile-qualified type '" +
                 typeName(cast->getTypeAsWritten(), *result.Context) + "'",
             kInstead, removeVolatile(written.getBegin(), written.getEnd(), sources, language));
    } else if (const auto* allocation = result.Nodes.getNodeAs<clang::CXXNewExpr>("new")) {
      report(allocation->getBeginLoc(),
             "'new' of volatile-qualified type '" +
                 typeName(allocation->getAllocatedType(), *result.Context) + "'",
             kInstead);
    }
  }

private:
  static std::string typeName(clang::QualType type, const clang::ASTContext& context) {
    return type.getAsString(context.getPrintingPolicy());
  }

  // Fix-its removing each `volatile` keyword (and one space after it) in
  // [begin, end], when that text is written in one file, not made by a macro.
  static std::vector<clang::FixItHint> removeVolatile(clang::SourceLocation begin,
                                                      clang::SourceLocation end,
                                                      const clang::SourceManager& sources,
                                                      const clang::LangOptions& language) {
    std::vector<clang::FixItHint> fixIts;
    if (begin.isInvalid() || end.isInvalid() || begin.isMacroID() || end.isMacroID()) return fixIts;
    auto [file, beginOffset] = sources.getDecomposedLoc(begin);
    auto [endFile, endOffset] = sources.getDecomposedLoc(end);
    if (file != endFile || endOffset < beginOffset) return fixIts;
    llvm::StringRef buffer = sources.getBufferData(file);
    clang::Lexer lexer(sources.getLocForStartOfFile(file), language, buffer.begin(),
                       buffer.begin() + beginOffset, buffer.end());
    clang::Token token;
    while (!lexer.LexFromRawLexer(token)) {
      unsigned offset = sources.getFileOffset(token.getLocation());
      if (offset > endOffset) break;
      if (token.is(clang::tok::raw_identifier) && token.getRawIdentifier() == "volatile") {
        unsigned length = token.getLength();
        if (offset + length < buffer.size() && buffer[offset + length] == ' ') ++length;
        fixIts.push_back(clang::FixItHint::CreateRemoval(clang::CharSourceRange::getCharRange(
            token.getLocation(), token.getLocation().getLocWithOffset(length))));
      }
      if (offset == endOffset) break;
    }
    return fixIts;
  }
};

} // namespace

extern const RuleDescriptor kNoVolatileRule = {
    "vcc-no-volatile",
    "volatile variables, members, parameters, pointees, casts and aliases outside vcc's headers",
    createRule<NoVolatileRule>};

} // namespace vcc::frontend
