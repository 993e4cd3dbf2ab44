#include "rules/LibraryFunctions.hpp"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace vcc::frontend {

using namespace clang::ast_matchers;

std::vector<std::string> globalNames(llvm::ArrayRef<llvm::StringRef> names) {
  std::vector<std::string> qualified;
  for (llvm::StringRef name : names)
    qualified.push_back("::" + name.str());
  return qualified;
}

std::vector<std::string> globalAndStdNames(llvm::ArrayRef<llvm::StringRef> names) {
  std::vector<std::string> qualified;
  for (llvm::StringRef name : names) {
    qualified.push_back("::" + name.str());
    qualified.push_back("::std::" + name.str());
    // libc++ 19 defines <cmath>'s overloads in std::__math and declares them into std.
    qualified.push_back("::std::__math::" + name.str());
  }
  return qualified;
}

StatementMatcher libraryFunctionReference(const std::vector<std::string>& qualifiedNames) {
  std::vector<llvm::StringRef> names(qualifiedNames.begin(), qualifiedNames.end());
  return declRefExpr(to(functionDecl(hasAnyName(names)).bind("function"))).bind("reference");
}

bool isLibraryFunction(const clang::FunctionDecl& function) {
  if (function.getBuiltinID() != 0 || function.isExternC()) return true;
  const clang::FunctionDecl* first = function.getFirstDecl();
  clang::SourceLocation location = first->getLocation();
  if (location.isInvalid()) return true; // implicitly declared
  return first->getASTContext().getSourceManager().isInSystemHeader(location);
}

std::string spelledName(const clang::DeclRefExpr& reference, const clang::ASTContext& context) {
  const clang::SourceManager& sources = context.getSourceManager();
  clang::SourceLocation begin = reference.getBeginLoc();
  clang::SourceLocation end = reference.getLocation();
  if (begin.isFileID() && end.isFileID()) {
    llvm::StringRef text = clang::Lexer::getSourceText(
        clang::CharSourceRange::getTokenRange(begin, end), sources, context.getLangOpts());
    std::string name;
    for (char c : text) {
      if (!llvm::isSpace(c)) name += c;
    }
    if (!name.empty()) return name;
  }
  const clang::ValueDecl* declaration = reference.getDecl();
  std::string name = declaration->getNameAsString();
  if (declaration->isInStdNamespace()) name = "std::" + name;
  return name;
}

} // namespace vcc::frontend
