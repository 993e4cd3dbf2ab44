// vcc-no-inline-asm: assembly outside vcc's headers. It is written for one
// instruction set, so the native binary and the RISC-V image could not run
// the same program; the guest runtime's system calls are vcc's business.
#include "Rule.hpp"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kInstead = "write it in C++; the stdlib (vcc/kernel.hpp, vcc/math.hpp, "
                                     "vcc/ops.hpp) has the fast paths for each target";

AST_MATCHER(clang::Decl, isFileScopeAsm) {
  return llvm::isa<clang::FileScopeAsmDecl>(Node);
}

class NoInlineAsmRule : public Rule {
public:
  using Rule::Rule;

  bool allowedInVccHeaders() const override { return true; }

  void registerMatchers(MatchFinder& finder) override {
    finder.addMatcher(asmStmt().bind("statement"), this);
    finder.addMatcher(decl(isFileScopeAsm()).bind("declaration"), this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    if (const auto* statement = result.Nodes.getNodeAs<clang::AsmStmt>("statement")) {
      report(statement->getAsmLoc(), "inline assembly statement", kInstead);
    } else if (const auto* declaration =
                   result.Nodes.getNodeAs<clang::FileScopeAsmDecl>("declaration")) {
      report(declaration->getBeginLoc(), "file-scope assembly", kInstead);
    }
  }
};

} // namespace

extern const RuleDescriptor kNoInlineAsmRule = {
    "vcc-no-inline-asm",
    "inline assembly (asm, __asm__ statements and file-scope asm) outside vcc's headers",
    createRule<NoInlineAsmRule>};

} // namespace vcc::frontend
