// vcc-kernel-lambda-access: a kernel lambda (the body given to
// vcc::parallel_for or vcc::reduce) written inside a private or protected
// member function. nvcc compiles kernel lambdas as extended
// __host__ __device__ lambdas, and refuses those whose enclosing function is
// not public ("cannot have private or protected access within its class"),
// so such a service builds with clang++ and then fails in `vcc build
// --cuda`. One source must build for every backend: it is reported here,
// before either compiler runs.
#include "Rule.hpp"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kInstead =
    "make the member function public, or move the loop into a free function or a public member";

// The nearest function that is not a lambda's call operator: where nvcc
// looks for the access.
const clang::FunctionDecl* enclosingFunction(const clang::LambdaExpr& lambda, clang::ASTContext& context) {
  clang::DynTypedNodeList parents = context.getParents(lambda);
  while (!parents.empty()) {
    if (const auto* function = parents[0].get<clang::FunctionDecl>()) {
      const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(function);
      if (method == nullptr || !method->getParent()->isLambda()) return function;
    }
    parents = context.getParents(parents[0]);
  }
  return nullptr;
}

class KernelLambdaAccessRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(MatchFinder& finder) override {
    finder.addMatcher(
        callExpr(callee(functionDecl(hasAnyName("::vcc::parallel_for", "::vcc::reduce"))),
                 forEachArgumentWithParam(ignoringImplicit(lambdaExpr().bind("lambda")), parmVarDecl())),
        this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    const auto* lambda = result.Nodes.getNodeAs<clang::LambdaExpr>("lambda");
    if (lambda == nullptr) return;
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(enclosingFunction(*lambda, *result.Context));
    if (method == nullptr || method->getAccess() == clang::AS_public || method->getAccess() == clang::AS_none) return;
    const std::string access = method->getAccess() == clang::AS_private ? "private" : "protected";
    report(lambda->getBeginLoc(),
           "kernel lambda inside the " + access + " member function '" + method->getQualifiedNameAsString() +
               "': nvcc cannot compile it (vcc build --cuda)",
           kInstead);
  }
};

} // namespace

extern const RuleDescriptor kKernelLambdaAccessRule = {
    "vcc-kernel-lambda-access",
    "a kernel lambda (vcc::parallel_for, vcc::reduce) inside a private or protected member function, which nvcc "
    "refuses",
    createRule<KernelLambdaAccessRule>};

} // namespace vcc::frontend
