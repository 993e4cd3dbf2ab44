// Receives every diagnostic of a frontend run (the driver's, Clang's, vcc's
// rules' and method discovery's) and keeps each as a vcc::frontend::Diagnostic
// with its clang-style text. It also lets a rule take over Clang warnings:
// a warning whose -W option a rule adopts becomes an error of that rule.
#pragma once

#include "vcc/frontend/diagnostic.hpp"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/LangOptions.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace vcc::frontend {

class DiagnosticCollector : public clang::DiagnosticConsumer {
public:
  struct AdoptedWarning {
    std::string rule;    // "vcc-no-uninitialized-read"
    std::string instead; // the note added after Clang's notes
  };

  explicit DiagnosticCollector(bool compilerWarnings);

  // Warnings with this -W option ("uninitialized") become errors of `rule`.
  void adoptWarning(llvm::StringRef option, AdoptedWarning adopted);

  void BeginSourceFile(const clang::LangOptions& language,
                       const clang::Preprocessor* preprocessor) override;
  void EndSourceFile() override;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic& info) override;

  // Finishes the last diagnostic and hands over all of them, in source order
  // when a source was parsed.
  std::vector<Diagnostic> takeDiagnostics();

private:
  struct Entry {
    Diagnostic diagnostic;
    clang::SourceLocation location; // for sorting, while the source manager lives
    std::string adoptedInstead;
    size_t sequence = 0; // arrival order, which breaks ties
  };

  void finishEntry();
  void render(Entry& entry, clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info,
              llvm::StringRef message);
  SourcePosition position(clang::SourceLocation location) const;
  FixIt fixIt(const clang::FixItHint& hint) const;

  bool compilerWarnings_;
  llvm::StringMap<AdoptedWarning> adopted_;
  const clang::LangOptions* language_ = nullptr;
  const clang::SourceManager* sources_ = nullptr;
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> options_;
  std::vector<Entry> entries_;
  std::set<std::pair<clang::SourceLocation::UIntTy, std::string>> adoptedSeen_;
  bool open_ = false;     // the last entry may still get notes
  bool dropping_ = false; // notes of a dropped diagnostic are dropped too
  bool sorted_ = false;
};

} // namespace vcc::frontend
