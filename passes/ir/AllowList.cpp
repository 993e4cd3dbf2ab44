#include "AllowList.hpp"

#include "Diagnostics.hpp"
#include "SymbolNames.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"

#include <optional>

namespace vcc::ir {
namespace {

llvm::cl::list<std::string> allowListFiles(
    "vcc-allowed-calls", llvm::cl::value_desc("file"), llvm::cl::CommaSeparated,
    llvm::cl::desc("vcc: allow list of external calls and runtime functions (replaces the "
                   "built-in passes/ir/allowed_calls.txt; may be repeated)"));

constexpr const char* kBuiltInList =
#include "DefaultAllowList.inc"
    ;

bool matchesAny(const std::vector<std::string>& patterns, const llvm::Function& function) {
  llvm::StringRef symbol = function.getName();
  std::optional<std::string> qualified;
  for (const std::string& pattern : patterns) {
    if (matchesWildcard(pattern, symbol)) return true;
    if (!qualified) qualified = qualifiedName(symbol);
    if (*qualified != symbol && matchesWildcard(pattern, *qualified)) return true;
  }
  return false;
}

struct LoadedList {
  AllowList list;
  std::vector<std::string> errors;
};

LoadedList load() {
  LoadedList loaded;
  if (allowListFiles.empty()) {
    llvm::Expected<AllowList> builtIn = AllowList::parse(kBuiltInList, "<built-in allow list>");
    if (builtIn)
      loaded.list = std::move(*builtIn);
    else
      loaded.errors.push_back(llvm::toString(builtIn.takeError()));
    return loaded;
  }
  for (const std::string& path : allowListFiles) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
        llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
    if (!buffer) {
      loaded.errors.push_back("cannot read allow list '" + path +
                              "': " + buffer.getError().message());
      continue;
    }
    llvm::Expected<AllowList> parsed = AllowList::parse((*buffer)->getBuffer(), path);
    if (parsed)
      loaded.list.merge(*parsed);
    else
      loaded.errors.push_back(llvm::toString(parsed.takeError()));
  }
  return loaded;
}

} // namespace

bool matchesWildcard(llvm::StringRef pattern, llvm::StringRef text) {
  // Greedy matching with backtracking to the last `*`: linear for patterns
  // with one star, quadratic at worst, and no recursion.
  std::size_t p = 0, t = 0;
  std::size_t starPattern = llvm::StringRef::npos, starText = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      starPattern = p++;
      starText = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (starPattern != llvm::StringRef::npos) {
      p = starPattern + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

llvm::Expected<AllowList> AllowList::parse(llvm::StringRef text, llvm::StringRef sourceName) {
  AllowList list;
  std::vector<std::string>* section = nullptr;
  unsigned lineNumber = 0;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    ++lineNumber;
    line = line.split('#').first.trim();
    if (line.empty()) continue;
    if (line.starts_with("[")) {
      if (line == "[external-calls]")
        section = &list.externalCalls_;
      else if (line == "[runtime-functions]")
        section = &list.runtimeFunctions_;
      else
        return llvm::createStringError("%s:%u: unknown section '%s' (expected [external-calls] "
                                       "or [runtime-functions])",
                                       sourceName.str().c_str(), lineNumber, line.str().c_str());
      continue;
    }
    if (section == nullptr)
      return llvm::createStringError("%s:%u: pattern '%s' before any section header",
                                     sourceName.str().c_str(), lineNumber, line.str().c_str());
    section->push_back(line.str());
  }
  return list;
}

void AllowList::merge(const AllowList& other) {
  externalCalls_.insert(externalCalls_.end(), other.externalCalls_.begin(),
                        other.externalCalls_.end());
  runtimeFunctions_.insert(runtimeFunctions_.end(), other.runtimeFunctions_.begin(),
                           other.runtimeFunctions_.end());
}

bool AllowList::allowsCall(const llvm::Function& callee) const {
  return matchesAny(externalCalls_, callee) || matchesAny(runtimeFunctions_, callee);
}

bool AllowList::isRuntimeFunction(const llvm::Function& function) const {
  return matchesAny(runtimeFunctions_, function);
}

const AllowList& activeAllowList(llvm::Module& module) {
  static const LoadedList loaded = load();
  // Every pass asks for the list; report a broken one once per module.
  static const llvm::Module* reportedFor = nullptr;
  if (reportedFor != &module) {
    reportedFor = &module;
    for (const std::string& error : loaded.errors)
      reportModuleViolation(module, "vcc-allow-list", error);
  }
  return loaded.list;
}

} // namespace vcc::ir
