#include "DiagnosticCollector.hpp"

#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnostic.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace vcc::frontend {

DiagnosticCollector::DiagnosticCollector(bool compilerWarnings)
    : compilerWarnings_(compilerWarnings), options_(new clang::DiagnosticOptions()) {
  options_->ShowColors = false;
  options_->ShowOptionNames = false; // added to the message here, where adoption is known
}

void DiagnosticCollector::adoptWarning(llvm::StringRef option, AdoptedWarning adopted) {
  adopted_[option] = std::move(adopted);
}

void DiagnosticCollector::BeginSourceFile(const clang::LangOptions& language,
                                          const clang::Preprocessor* preprocessor) {
  language_ = &language;
  if (preprocessor != nullptr) sources_ = &preprocessor->getSourceManager();
}

void DiagnosticCollector::EndSourceFile() {
  finishEntry();
  if (sources_ == nullptr || sorted_) return;
  // Clang reports while parsing, the rules after it: put all in source order.
  const clang::SourceManager& sources = *sources_;
  std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
    if (a.location.isInvalid() || b.location.isInvalid()) {
      if (a.location.isInvalid() != b.location.isInvalid()) return a.location.isInvalid();
      return a.sequence < b.sequence;
    }
    clang::SourceLocation left = sources.getExpansionLoc(a.location);
    clang::SourceLocation right = sources.getExpansionLoc(b.location);
    if (left == right) return a.sequence < b.sequence;
    return sources.isBeforeInTranslationUnit(left, right);
  });
  sorted_ = true;
  // Source locations die with the source manager.
  language_ = nullptr;
  sources_ = nullptr;
}

void DiagnosticCollector::HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                                           const clang::Diagnostic& info) {
  llvm::SmallString<256> formatted;
  info.FormatDiagnostic(formatted);
  std::string message(formatted.str());

  if (level == clang::DiagnosticsEngine::Note) {
    if (dropping_ || !open_) return;
    Entry& entry = entries_.back();
    if (!entry.adoptedInstead.empty()) {
      // Clang's "initialize the variable 'x' to silence this warning".
      if (size_t at = message.find(" to silence this warning"); at != std::string::npos)
        message.erase(at);
    }
    render(entry, level, info, message);
    entry.diagnostic.notes.push_back(Note{position(info.getLocation()), message});
    return;
  }

  finishEntry();
  dropping_ = false;
  Entry entry;
  std::string rule;
  if (level == clang::DiagnosticsEngine::Warning) {
    llvm::StringRef option = clang::DiagnosticIDs::getWarningOptionForDiag(info.getID());
    if (auto found = adopted_.find(option); found != adopted_.end()) {
      // Once per place, not once per template instantiation.
      if (!adoptedSeen_.emplace(info.getLocation().getRawEncoding(), message).second) {
        dropping_ = true;
        return;
      }
      level = clang::DiagnosticsEngine::Error;
      rule = found->second.rule;
      entry.adoptedInstead = found->second.instead;
    } else if (!compilerWarnings_) {
      dropping_ = true;
      return;
    } else if (!option.empty()) {
      message += " [-W" + option.str() + "]";
    }
  } else if (level == clang::DiagnosticsEngine::Error || level == clang::DiagnosticsEngine::Fatal) {
    // vcc's own errors end in their tag: "... [vcc-no-time]".
    llvm::StringRef text(message);
    if (text.ends_with("]")) {
      size_t open = text.rfind(" [vcc-");
      if (open != llvm::StringRef::npos) {
        rule = text.substr(open + 2, text.size() - open - 3).str();
        message.erase(open);
      }
    }
  } else {
    dropping_ = true; // remarks
    return;
  }

  clang::DiagnosticConsumer::HandleDiagnostic(level, info);
  entry.location = info.getLocation();
  entry.sequence = entries_.size();
  entry.diagnostic.severity =
      level == clang::DiagnosticsEngine::Warning ? Severity::Warning : Severity::Error;
  entry.diagnostic.position = position(info.getLocation());
  entry.diagnostic.message = message;
  entry.diagnostic.rule = rule;
  for (const clang::FixItHint& hint : info.getFixItHints()) {
    if (!hint.RemoveRange.isValid() || hint.RemoveRange.getBegin().isMacroID()) continue;
    entry.diagnostic.fixIts.push_back(fixIt(hint));
  }
  entries_.push_back(std::move(entry));
  open_ = true;
  render(entries_.back(), level, info, rule.empty() ? message : message + " [" + rule + "]");
}

void DiagnosticCollector::finishEntry() {
  if (!open_) return;
  open_ = false;
  Entry& entry = entries_.back();
  if (entry.adoptedInstead.empty()) return;
  entry.diagnostic.rendered += "note: " + entry.adoptedInstead + "\n";
  entry.diagnostic.notes.push_back(Note{SourcePosition{}, entry.adoptedInstead});
}

void DiagnosticCollector::render(Entry& entry, clang::DiagnosticsEngine::Level level,
                                 const clang::Diagnostic& info, llvm::StringRef message) {
  llvm::raw_string_ostream out(entry.diagnostic.rendered);
  if (language_ == nullptr || !info.hasSourceManager() || info.getLocation().isInvalid()) {
    clang::TextDiagnostic::printDiagnosticLevel(out, level, /*ShowColors=*/false);
    out << message << '\n';
    return;
  }
  llvm::SmallVector<clang::CharSourceRange, 4> ranges(info.getRanges().begin(),
                                                      info.getRanges().end());
  llvm::SmallVector<clang::FixItHint, 2> hints(info.getFixItHints().begin(),
                                               info.getFixItHints().end());
  // A fresh renderer each time: every diagnostic shows its own include stack.
  clang::TextDiagnostic renderer(out, *language_, options_.get());
  renderer.emitDiagnostic(clang::FullSourceLoc(info.getLocation(), info.getSourceManager()), level,
                          message, ranges, hints, &info);
}

SourcePosition DiagnosticCollector::position(clang::SourceLocation location) const {
  if (sources_ == nullptr || location.isInvalid()) return {};
  clang::PresumedLoc presumed = sources_->getPresumedLoc(location);
  if (presumed.isInvalid()) return {};
  return SourcePosition{presumed.getFilename(), presumed.getLine(), presumed.getColumn()};
}

FixIt DiagnosticCollector::fixIt(const clang::FixItHint& hint) const {
  FixIt result;
  result.replacement = hint.CodeToInsert;
  if (sources_ == nullptr || language_ == nullptr) return result;
  clang::SourceLocation begin = hint.RemoveRange.getBegin();
  clang::SourceLocation end = hint.RemoveRange.getEnd();
  if (hint.RemoveRange.isTokenRange())
    end = clang::Lexer::getLocForEndOfToken(end, 0, *sources_, *language_);
  auto [file, beginOffset] = sources_->getDecomposedLoc(begin);
  unsigned endOffset = sources_->getFileOffset(end);
  result.offset = beginOffset;
  result.length = endOffset >= beginOffset ? endOffset - beginOffset : 0;
  if (clang::OptionalFileEntryRef entry = sources_->getFileEntryRefForID(file))
    result.file = entry->getName().str();
  result.begin = position(begin);
  return result;
}

std::vector<Diagnostic> DiagnosticCollector::takeDiagnostics() {
  finishEntry();
  std::vector<Diagnostic> diagnostics;
  diagnostics.reserve(entries_.size());
  for (Entry& entry : entries_)
    diagnostics.push_back(std::move(entry.diagnostic));
  entries_.clear();
  return diagnostics;
}

} // namespace vcc::frontend
