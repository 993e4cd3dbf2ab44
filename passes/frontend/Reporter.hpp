// Reports vcc's own diagnostics through Clang's diagnostics engine, so they
// are rendered, sorted and counted with Clang's: "error: <what> [<tag>]",
// then a note without a location saying what to do instead.
#pragma once

#include "CodeOrigin.hpp"

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"

#include <set>
#include <string>
#include <tuple>

namespace vcc::frontend {

class Reporter {
public:
  Reporter(clang::DiagnosticsEngine& diagnostics, CodeOriginClassifier& origins);

  // "error: <message> [<tag>]" at `location` with the fix-its, then a note
  // "<instead>" (none when empty). A second report of the same tag, location
  // and message (a template instantiated twice) is dropped: then it returns
  // false, and the caller adds no notes.
  bool error(clang::SourceLocation location, llvm::StringRef tag, const llvm::Twine& message,
             const llvm::Twine& instead, llvm::ArrayRef<clang::FixItHint> fixIts = {});
  // A note with a location, after an error.
  void note(clang::SourceLocation location, const llvm::Twine& message);

  CodeOriginClassifier& origins() { return origins_; }

private:
  clang::DiagnosticsEngine& diagnostics_;
  CodeOriginClassifier& origins_;
  unsigned errorId_;
  unsigned noteId_;
  std::set<std::tuple<std::string, clang::SourceLocation::UIntTy, std::string>> reported_;
};

} // namespace vcc::frontend
