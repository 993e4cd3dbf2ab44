#include "Reporter.hpp"

namespace vcc::frontend {

Reporter::Reporter(clang::DiagnosticsEngine& diagnostics, CodeOriginClassifier& origins)
    : diagnostics_(diagnostics), origins_(origins),
      errorId_(diagnostics.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0 [%1]")),
      noteId_(diagnostics.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0")) {}

bool Reporter::error(clang::SourceLocation location, llvm::StringRef tag,
                     const llvm::Twine& message, const llvm::Twine& instead,
                     llvm::ArrayRef<clang::FixItHint> fixIts) {
  std::string text = message.str();
  if (!reported_.emplace(std::string(tag), location.getRawEncoding(), text).second) return false;
  {
    clang::DiagnosticBuilder builder = diagnostics_.Report(location, errorId_);
    builder << text << tag;
    for (const clang::FixItHint& fixIt : fixIts)
      builder << fixIt;
  }
  std::string insteadText = instead.str();
  if (!insteadText.empty()) diagnostics_.Report(noteId_) << insteadText;
  return true;
}

void Reporter::note(clang::SourceLocation location, const llvm::Twine& message) {
  diagnostics_.Report(location, noteId_) << message.str();
}

} // namespace vcc::frontend
