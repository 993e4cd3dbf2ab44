// Diagnostics of the frontend as values: what analyzeService found, where,
// which rule, how to fix it, and the clang-style text to print.
#pragma once

#include <string>
#include <vector>

namespace vcc::frontend {

enum class Severity { Note, Warning, Error };

// A place in a source file. line and column count from 1 (columns in
// bytes, as clang does); 0 means no location (a diagnostic about the whole run).
struct SourcePosition {
  std::string file; // as clang names it: the path as given, or as found on the include path
  unsigned line = 0;
  unsigned column = 0;

  bool valid() const { return line != 0; }
};

// Replace `length` bytes at `offset` of `file` with `replacement` (an
// insertion when length is 0, a removal when replacement is empty).
struct FixIt {
  std::string file;
  unsigned offset = 0;
  unsigned length = 0;
  std::string replacement;
  SourcePosition begin; // where the replaced range starts, for people
};

struct Note {
  SourcePosition position; // may be invalid: a note about the diagnostic as a whole
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  SourcePosition position;
  std::string message; // without the rule tag
  // The rule that reported it ("vcc-no-time", "vcc-method"); empty for
  // Clang's own diagnostics (compile errors, warnings).
  std::string rule;
  std::vector<Note> notes;
  std::vector<FixIt> fixIts;
  // The clang-style text: "file:line:col: error: message [rule]", the source
  // line, a caret, the fix-it, and the notes, each line ending in '\n'.
  std::string rendered;
};

} // namespace vcc::frontend
