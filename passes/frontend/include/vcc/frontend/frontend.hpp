// vcc's Clang frontend (docs/passes.md, "Frontend rules"): parses one
// service source with Clang, checks the determinism rules of SPEC §4 on it,
// and discovers the service's methods with their Solidity signatures and
// selectors (SPEC §2).
//
//   vcc::frontend::FrontendOptions options;
//   options.source = "samples/matmul/matmul.cpp";
//   vcc::frontend::FrontendResult result = vcc::frontend::analyzeService(options);
//   std::cerr << result.renderedDiagnostics();   // clang-style text
//   if (!result.ok()) return 1;
//   for (const auto& method : result.service.methods) ... method.signature, method.selector
//
// No Clang or LLVM type appears in this interface: users of vcc::frontend
// need neither their headers nor their include directories.
#pragma once

#include "vcc/frontend/diagnostic.hpp"
#include "vcc/frontend/service_description.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vcc::frontend {

// The paths found when vcc was configured: vcc's stdlib headers
// (stdlib/include), the guest runtime's headers (runtime-vm/guest/include)
// and Clang's resource directory (its builtin headers, e.g. stddef.h).
std::filesystem::path defaultStdlibIncludeDir();
std::filesystem::path defaultRuntimeIncludeDir();
std::filesystem::path defaultResourceDir();

struct FrontendOptions {
  // The service source. A relative path is relative to the current directory
  // and appears as given in diagnostics; everything else is independent of
  // the current directory.
  std::filesystem::path source;
  // The contents of `source`, used instead of reading the file (tests,
  // editors). Headers are still read from disk.
  std::optional<std::string> sourceText;
  // vcc's own headers, searched (-I) before includeDirs. Code in them may use
  // what only vcc may use (threads, atomics, inline asm, volatile); an empty
  // path is left out.
  std::filesystem::path stdlibIncludeDir = defaultStdlibIncludeDir();
  std::filesystem::path runtimeIncludeDir = defaultRuntimeIncludeDir();
  // The service's own include directories (-I), in order: checked like the source.
  std::vector<std::filesystem::path> includeDirs;
  // -D: "NAME" or "NAME=VALUE".
  std::vector<std::string> defines;
  // The target the source is parsed for. Checks use the native target, whose
  // C++ library (libstdc++) is the one the host has.
  std::string targetTriple = "x86_64-linux-gnu";
  std::filesystem::path resourceDir = defaultResourceDir();
  // More compiler arguments, after all others (before the source).
  std::vector<std::string> extraArgs;
  // Also report Clang's own warnings (those it gives by default); errors and
  // vcc's rules are always reported.
  bool compilerWarnings = true;
};

// What analyzeService does besides parsing.
struct Analyses {
  bool determinismRules = true;           // SPEC §4 (see determinismRules())
  bool methodDiscovery = true;            // SPEC §2: methods, signatures, selectors
  std::vector<std::string> disabledRules; // rule names, e.g. "vcc-no-volatile"
  // Names the caller's generated code declares next to the methods (vcc's
  // service contract: its functions, events, errors, its own name): a
  // method named so is an error [vcc-method].
  std::vector<std::string> reservedMethodNames;
};

struct FrontendResult {
  // Every diagnostic (Clang's errors and warnings, vcc's rules, method
  // errors), in source order.
  std::vector<Diagnostic> diagnostics;
  // The methods found by method discovery. Complete only when ok().
  ServiceDescription service;
  size_t errorCount = 0;
  size_t warningCount = 0;

  bool ok() const { return errorCount == 0; }
  // Each diagnostic's rendered text, then "N errors generated." as clang
  // prints it (nothing when there are no diagnostics).
  std::string renderedDiagnostics() const;
};

// Parses options.source with Clang and runs the analyses. Never throws on bad
// input: a missing file, a compile error or a rejected construct is a
// diagnostic in the result.
FrontendResult analyzeService(const FrontendOptions& options, const Analyses& analyses = {});

// Routes LLVM's fatal errors (the frontend's out-of-memory among them) to
// the caller, who must not return: vcc prints the reason and exits 2
// instead of aborting (docs/security.md).
void installFatalErrorHandlers(void (*onFatalError)(const char* reason), void (*onOutOfMemory)());

// The compiler command line analyzeService runs, from "clang++" to the source.
std::vector<std::string> compilerArguments(const FrontendOptions& options);

struct RuleInfo {
  std::string name;    // "vcc-no-time": the tag at the end of its diagnostics
  std::string summary; // one line: what it rejects
};

// The determinism rules, in the order docs/passes.md lists them.
std::vector<RuleInfo> determinismRules();

// The service name a source file gives: its file name without the extension
// ("samples/matmul/matmul.cpp" -> "matmul").
std::string serviceNameFromPath(const std::filesystem::path& source);

} // namespace vcc::frontend
