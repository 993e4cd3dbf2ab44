// Whose code a source location belongs to. The rules check the service's
// code; system headers (the C and C++ libraries) are never checked, and
// vcc's own headers (stdlib, guest runtime) may use what only vcc may use.
#pragma once

#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <string>
#include <vector>

namespace vcc::frontend {

enum class CodeOrigin {
  Service, // the source and the headers it brings from its own include directories
  Vcc,     // a header under the stdlib or guest runtime include directory
  System,  // a system header (the C and C++ libraries, Clang's builtin headers)
  None,    // no file: built-in declarations, the command line
};

class CodeOriginClassifier {
public:
  // vccDirectories: the stdlib and guest runtime include directories.
  CodeOriginClassifier(const clang::SourceManager& sourceManager,
                       std::vector<std::string> vccDirectories);

  // Where the code at `location` comes from. Code a macro expands to belongs
  // to where the macro is used, except that a macro defined in a vcc header
  // stays vcc's (it is the stdlib's business what its macros expand to).
  CodeOrigin classify(clang::SourceLocation location);

private:
  CodeOrigin classifyFile(clang::FileID file);

  const clang::SourceManager& sourceManager_;
  std::vector<std::string> vccDirectories_; // real paths, each ending in '/'
  llvm::DenseMap<clang::FileID, CodeOrigin> cache_;
};

} // namespace vcc::frontend
