// A determinism rule (SPEC §4), written like a clang-tidy check:
// registerMatchers declares the AST nodes to look at, check() reports each
// finding with report(). One rule per file in rules/, listed in
// rules/RuleList.cpp; docs/passes.md ("Frontend rules") describes them.
#pragma once

#include "Reporter.hpp"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <memory>

namespace vcc::frontend {

class Rule : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  Rule(llvm::StringRef name, Reporter& reporter) : name_(name), reporter_(reporter) {}

  llvm::StringRef name() const { return name_; }

  virtual void registerMatchers(clang::ast_matchers::MatchFinder& finder) = 0;
  virtual void check(const clang::ast_matchers::MatchFinder::MatchResult& result) = 0;
  // A rule about preprocessor directives adds its callbacks here (called
  // before the source is read).
  virtual void registerPreprocessorCallbacks(clang::Preprocessor&) {}

  // Whether vcc's own headers may do what the rule forbids (the stdlib's
  // thread pool, the guest runtime's system calls). The service's code never
  // may, and system headers are never checked.
  virtual bool allowedInVccHeaders() const { return false; }

  // Public for preprocessor callbacks, which are not the rule itself.
  // Whether the rule checks the code at `location`.
  bool checks(clang::SourceLocation location);
  // "error: <what> [<rule>]" at `location` with the fix-its, and a note saying
  // what to use instead; nothing when the rule does not check that code.
  void report(clang::SourceLocation location, const llvm::Twine& what, const llvm::Twine& instead,
              llvm::ArrayRef<clang::FixItHint> fixIts = {});

private:
  void run(const clang::ast_matchers::MatchFinder::MatchResult& result) final { check(result); }
  llvm::StringRef getID() const final { return name_; }

  llvm::StringRef name_;
  Reporter& reporter_;
};

// How rules/RuleList.cpp knows a rule: its name, a one-line summary, and how
// to make it. A rule may also take over Clang warnings (by -W option),
// reporting them as its own errors, with `instead` as the note.
struct RuleDescriptor {
  llvm::StringRef name;
  llvm::StringRef summary;
  std::unique_ptr<Rule> (*create)(llvm::StringRef name, Reporter& reporter);
  llvm::ArrayRef<llvm::StringRef> adoptedWarnings = {};
  llvm::StringRef adoptedWarningInstead = {};
};

template <class R> std::unique_ptr<Rule> createRule(llvm::StringRef name, Reporter& reporter) {
  return std::make_unique<R>(name, reporter);
}

// Every rule, in the order the documentation lists them.
llvm::ArrayRef<const RuleDescriptor*> allRules();

} // namespace vcc::frontend
