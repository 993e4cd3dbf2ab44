#include "CodeOrigin.hpp"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace vcc::frontend {
namespace {

// The path with symbolic links resolved; as given when it does not exist.
std::string realPath(llvm::StringRef path) {
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(path, real)) return std::string(path);
  return std::string(real.str());
}

} // namespace

CodeOriginClassifier::CodeOriginClassifier(const clang::SourceManager& sourceManager,
                                           std::vector<std::string> vccDirectories)
    : sourceManager_(sourceManager) {
  for (const std::string& directory : vccDirectories) {
    if (directory.empty()) continue;
    std::string real = realPath(directory);
    if (real.back() != '/') real += '/';
    vccDirectories_.push_back(real);
  }
}

CodeOrigin CodeOriginClassifier::classify(clang::SourceLocation location) {
  if (location.isInvalid()) return CodeOrigin::None;
  if (location.isMacroID()) {
    clang::SourceLocation spelling = sourceManager_.getSpellingLoc(location);
    if (spelling.isFileID() &&
        classifyFile(sourceManager_.getFileID(spelling)) == CodeOrigin::Vcc) {
      return CodeOrigin::Vcc;
    }
  }
  clang::SourceLocation expansion = sourceManager_.getExpansionLoc(location);
  return classifyFile(sourceManager_.getFileID(expansion));
}

CodeOrigin CodeOriginClassifier::classifyFile(clang::FileID file) {
  if (auto found = cache_.find(file); found != cache_.end()) return found->second;
  CodeOrigin origin = CodeOrigin::Service;
  clang::OptionalFileEntryRef entry = sourceManager_.getFileEntryRefForID(file);
  if (!entry) {
    origin = CodeOrigin::None; // <built-in>, <command line>, <scratch space>
  } else if (file == sourceManager_.getMainFileID()) {
    origin = CodeOrigin::Service; // even a source kept beside vcc's headers
  } else if (sourceManager_.isInSystemHeader(sourceManager_.getLocForStartOfFile(file))) {
    origin = CodeOrigin::System;
  } else {
    llvm::StringRef path = entry->getFileEntry().tryGetRealPathName();
    std::string name = path.empty() ? realPath(entry->getName()) : std::string(path);
    for (const std::string& directory : vccDirectories_) {
      if (llvm::StringRef(name).starts_with(directory)) origin = CodeOrigin::Vcc;
    }
  }
  cache_[file] = origin;
  return origin;
}

} // namespace vcc::frontend
