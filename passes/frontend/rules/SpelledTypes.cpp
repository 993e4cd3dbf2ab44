#include "rules/SpelledTypes.hpp"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace vcc::frontend {

using namespace clang::ast_matchers;

TypeLocMatcher spelledClass(const DeclarationMatcher& classMatcher) {
  return typeLoc(
             unless(elaboratedTypeLoc()), unless(qualifiedTypeLoc()),
             loc(qualType(hasCanonicalType(hasDeclaration(namedDecl(classMatcher).bind("class"))))))
      .bind("type");
}

bool isReportedSpelling(clang::TypeLoc type) {
  if (type.getTypeLocClass() != clang::TypeLoc::Typedef) return true;
  const clang::TypedefNameDecl* alias = type.getType()->castAs<clang::TypedefType>()->getDecl();
  return alias->getASTContext().getSourceManager().isInSystemHeader(alias->getLocation());
}

std::string spelledTypeName(clang::TypeLoc type, const clang::NamedDecl& matchedClass) {
  if (type.getTypeLocClass() == clang::TypeLoc::Typedef) {
    return type.getType()->castAs<clang::TypedefType>()->getDecl()->getQualifiedNameAsString();
  }
  return matchedClass.getQualifiedNameAsString();
}

} // namespace vcc::frontend
