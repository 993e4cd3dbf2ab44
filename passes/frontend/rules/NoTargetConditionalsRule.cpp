// vcc-no-target-conditionals: preprocessor conditionals on the target
// (`#ifdef __x86_64__`, `#if defined(__riscv)`, `#ifdef __CUDA_ARCH__`, the
// C++ library's own macros, ...) and on what the target offers
// (`__has_include(<sys/epoll.h>)`, `__has_builtin`, any `__has_*` or
// `__is_target_*` query), written in the condition or reached through a
// macro it expands, in the service's code. The frontend and
// the native compile read one branch, the RISC-V image or the CUDA device
// code another: that branch is not what was checked, and it computes what
// it likes. Target-specific code belongs in vcc's stdlib, which keeps its
// branches bit-identical and is tested on every target.
#include "Rule.hpp"

#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

#include <string>

namespace vcc::frontend {
namespace {

constexpr llvm::StringRef kInstead =
    "write one version for every target; target-specific fast paths belong in the vcc stdlib "
    "(vcc/kernel.hpp, vcc/math.hpp, vcc/ops.hpp), which keeps them bit-identical";

// Macros whose definition differs between the native compile (x86-64,
// glibc, libstdc++), the RISC-V image (riscv64-unknown-elf, picolibc,
// libc++) and nvcc's device pass.
bool isTargetMacro(llvm::StringRef name) {
  static constexpr llvm::StringRef kExact[] = {
      "__x86_64__", "__x86_64", "__amd64__", "__amd64", "__i386__", "__i386", "_M_X64",
      "__riscv", "__aarch64__", "__arm__", "__CUDA_ARCH__", "__CUDACC__", "__NVCC__",
      "__CUDA_ARCH_LIST__", "__CUDACC_RTC__", "__FMA__", "__F16C__", "__linux__", "__linux",
      "linux", "__unix__", "__unix", "__gnu_linux__", "__ELF__", "_WIN32", "__APPLE__",
      "__GLIBC__", "__GLIBCXX__", "__GLIBCPP__", "_LIBCPP_VERSION", "__NEWLIB__", "__PICOLIBC__",
      "__SIZEOF_LONG_DOUBLE__", "__LDBL_MANT_DIG__", "__SIZEOF_INT128__", "VCC_TARGET_GUEST"};
  for (llvm::StringRef exact : kExact)
    if (name == exact) return true;
  static constexpr llvm::StringRef kPrefixes[] = {"__riscv_", "__SSE", "__AVX", "__ARM_", "__x86_",
                                                  "__BMI", "__CUDA_"};
  for (llvm::StringRef prefix : kPrefixes)
    if (name.starts_with(prefix)) return true;
  return false;
}

// Preprocessor queries whose answer depends on the target's headers,
// builtins or features.
bool isTargetQuery(llvm::StringRef name) {
  return name.starts_with("__has_") || name.starts_with("__is_target_") || name == "__is_identifier";
}

bool dependsOnTarget(llvm::StringRef name) { return isTargetMacro(name) || isTargetQuery(name); }

class TargetConditionalCallbacks : public clang::PPCallbacks {
public:
  TargetConditionalCallbacks(Rule& rule, const clang::Preprocessor& preprocessor)
      : rule_(rule), preprocessor_(preprocessor), sources_(preprocessor.getSourceManager()),
        language_(preprocessor.getLangOpts()) {}

  // A macro expanded in an #if or #elif whose definition names a target
  // macro or query: `#define HAVE_EPOLL __has_builtin(...)` then `#if HAVE_EPOLL`.
  void MacroExpands(const clang::Token& name, const clang::MacroDefinition& definition, clang::SourceRange,
                    const clang::MacroArgs*) override {
    if (!preprocessor_.isParsingIfOrElifDirective()) return;
    const clang::MacroInfo* macro = definition.getMacroInfo();
    if (macro == nullptr) return;
    clang::SourceLocation at = sources_.getExpansionLoc(name.getLocation());
    if (!rule_.checks(at)) return;
    for (const clang::Token& token : macro->tokens()) {
      const clang::IdentifierInfo* identifier = token.getIdentifierInfo();
      if (identifier != nullptr && dependsOnTarget(identifier->getName())) {
        reportAt(at, identifier->getName());
        return;
      }
    }
  }

  void Ifdef(clang::SourceLocation, const clang::Token& name, const clang::MacroDefinition&) override {
    checkName(name);
  }
  void Ifndef(clang::SourceLocation, const clang::Token& name, const clang::MacroDefinition&) override {
    checkName(name);
  }
  void Elifdef(clang::SourceLocation, const clang::Token& name, const clang::MacroDefinition&) override {
    checkName(name);
  }
  void Elifndef(clang::SourceLocation, const clang::Token& name, const clang::MacroDefinition&) override {
    checkName(name);
  }
  // #if and #elif: every identifier of the condition, evaluated or not (an
  // undefined macro such as __riscv natively is never expanded).
  void If(clang::SourceLocation directive, clang::SourceRange, ConditionValueKind) override {
    checkCondition(directive);
  }
  void Elif(clang::SourceLocation directive, clang::SourceRange, ConditionValueKind, clang::SourceLocation) override {
    checkCondition(directive);
  }

private:
  void checkName(const clang::Token& name) {
    const clang::IdentifierInfo* identifier = name.getIdentifierInfo();
    if (identifier != nullptr && isTargetMacro(identifier->getName()))
      reportAt(name.getLocation(), identifier->getName());
  }

  // The directive's own line (its continuations included), raw-lexed from
  // the file: the condition as written, before any macro expands. (Clang's
  // condition range ends at the last expansion: for `__has_include(...)` it
  // is only the closing parenthesis.)
  void checkCondition(clang::SourceLocation directive) {
    if (directive.isInvalid() || directive.isMacroID() || !rule_.checks(directive)) return;
    bool invalid = false;
    llvm::StringRef buffer = sources_.getBufferData(sources_.getFileID(directive), &invalid);
    if (invalid) return;
    const char* start = buffer.data() + sources_.getFileOffset(directive);
    const char* end = start;
    while (end < buffer.end() && !(*end == '\n' && end[-1] != '\\')) ++end;
    // The lexer reads up to a NUL at its buffer's end: lex a terminated copy
    // (token locations are offsets from `directive`, so they stay right).
    const std::string line(start, end);
    clang::Lexer lexer(directive, language_, line.c_str(), line.c_str(), line.c_str() + line.size());
    clang::Token token;
    bool atEnd = false;
    while (!atEnd) {
      atEnd = lexer.LexFromRawLexer(token);
      if (token.is(clang::tok::raw_identifier) && dependsOnTarget(token.getRawIdentifier())) {
        reportAt(token.getLocation(), token.getRawIdentifier());
        return;  // one finding per directive
      }
    }
  }

  void reportAt(clang::SourceLocation location, llvm::StringRef macro) {
    rule_.report(location, "preprocessor condition on '" + macro +
                               "', which differs between the native binary, the RISC-V image and CUDA device code",
                 kInstead);
  }

  Rule& rule_;
  const clang::Preprocessor& preprocessor_;
  const clang::SourceManager& sources_;
  const clang::LangOptions& language_;
};

class NoTargetConditionalsRule : public Rule {
public:
  using Rule::Rule;

  // The stdlib's headers are where target-specific code belongs.
  bool allowedInVccHeaders() const override { return true; }

  void registerMatchers(clang::ast_matchers::MatchFinder&) override {}
  void check(const clang::ast_matchers::MatchFinder::MatchResult&) override {}

  void registerPreprocessorCallbacks(clang::Preprocessor& preprocessor) override {
    preprocessor.addPPCallbacks(std::make_unique<TargetConditionalCallbacks>(*this, preprocessor));
  }
};

} // namespace

extern const RuleDescriptor kNoTargetConditionalsRule = {
    "vcc-no-target-conditionals",
    "#if/#ifdef on target, C library or C++ library macros (__x86_64__, __riscv, __CUDA_ARCH__, "
    "_LIBCPP_VERSION, ...) or on target queries (__has_include, __has_builtin, ...) outside vcc's headers",
    createRule<NoTargetConditionalsRule>};

} // namespace vcc::frontend
