// analyzeService: runs Clang (libTooling's ToolInvocation, with the file
// system overlaid by the in-memory source when there is one) with an action
// that runs the rules' matchers and method discovery on the parsed AST.
#include "vcc/frontend/frontend.hpp"

#include "CodeOrigin.hpp"
#include "DiagnosticCollector.hpp"
#include "Reporter.hpp"
#include "Rule.hpp"
#include "methods/MethodDiscovery.hpp"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <memory>

#ifndef VCC_CLANG_EXECUTABLE
#error "VCC_CLANG_EXECUTABLE must be defined (passes/frontend/CMakeLists.txt)"
#endif

namespace vcc::frontend {
namespace {

class AnalysisConsumer : public clang::ASTConsumer {
public:
  AnalysisConsumer(clang::ast_matchers::MatchFinder* finder, Reporter& reporter,
                   ServiceDescription* service, const std::vector<std::string>& reservedNames)
      : finder_(finder), reporter_(reporter), service_(service), reservedNames_(reservedNames) {}

  void HandleTranslationUnit(clang::ASTContext& context) override {
    if (context.getDiagnostics().hasFatalErrorOccurred()) return; // the AST is cut short
    if (finder_ != nullptr) finder_->matchAST(context);
    if (service_ != nullptr) discoverMethods(context, reporter_, *service_, reservedNames_);
  }

private:
  clang::ast_matchers::MatchFinder* finder_;
  Reporter& reporter_;
  ServiceDescription* service_;
  const std::vector<std::string>& reservedNames_;
};

class AnalysisAction : public clang::ASTFrontendAction {
public:
  AnalysisAction(const FrontendOptions& options, const Analyses& analyses,
                 ServiceDescription& service)
      : options_(options), analyses_(analyses), service_(service) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& compiler,
                                                        llvm::StringRef) override {
    origins_ = std::make_unique<CodeOriginClassifier>(
        compiler.getSourceManager(), std::vector<std::string>{options_.stdlibIncludeDir.string(),
                                                              options_.runtimeIncludeDir.string()});
    reporter_ = std::make_unique<Reporter>(compiler.getDiagnostics(), *origins_);
    if (analyses_.determinismRules) {
      for (const RuleDescriptor* descriptor : allRules()) {
        if (isDisabled(descriptor->name)) continue;
        rules_.push_back(descriptor->create(descriptor->name, *reporter_));
        rules_.back()->registerMatchers(finder_);
        rules_.back()->registerPreprocessorCallbacks(compiler.getPreprocessor());
      }
    }
    return std::make_unique<AnalysisConsumer>(analyses_.determinismRules ? &finder_ : nullptr,
                                              *reporter_,
                                              analyses_.methodDiscovery ? &service_ : nullptr,
                                              analyses_.reservedMethodNames);
  }

private:
  bool isDisabled(llvm::StringRef name) const {
    for (const std::string& disabled : analyses_.disabledRules) {
      if (name == disabled) return true;
    }
    return false;
  }

  const FrontendOptions& options_;
  const Analyses& analyses_;
  ServiceDescription& service_;
  std::unique_ptr<CodeOriginClassifier> origins_;
  std::unique_ptr<Reporter> reporter_;
  clang::ast_matchers::MatchFinder finder_;
  std::vector<std::unique_ptr<Rule>> rules_;
};

std::string absolutePath(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path result = std::filesystem::absolute(path, error);
  return (error ? path : result).lexically_normal().string();
}

std::string pluralize(size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

} // namespace

std::filesystem::path defaultStdlibIncludeDir() {
  return VCC_STDLIB_INCLUDE_DIR;
}
std::filesystem::path defaultRuntimeIncludeDir() {
  return VCC_GUEST_RUNTIME_INCLUDE_DIR;
}
std::filesystem::path defaultResourceDir() {
  return VCC_CLANG_RESOURCE_DIR;
}

std::string serviceNameFromPath(const std::filesystem::path& source) {
  return source.stem().string();
}

std::vector<std::string> compilerArguments(const FrontendOptions& options) {
  std::vector<std::string> arguments = {
      VCC_CLANG_EXECUTABLE,
      "-fsyntax-only",
      "--target=" + options.targetTriple,
      "-resource-dir=" + absolutePath(options.resourceDir),
      // The language and the code-generation flags of SPEC §4, as both targets build.
      "-std=c++20",
      "-fno-exceptions",
      "-fno-rtti",
      "-fsigned-char",
      "-fwrapv",
      "-ffp-contract=off",
      "-fno-fast-math",
      // The C++ standard library of both targets: libc++ with vcc's configuration.
      "-stdlib=libc++",
      std::string("-isystem") + VCC_LIBCXX_CONFIG_DIR,
      // Every error, and the analysis behind vcc-no-uninitialized-read.
      "-ferror-limit=0",
      "-fno-color-diagnostics",
      "-fno-caret-diagnostics", // vcc renders diagnostics itself; this keeps Clang's summary off
                                // stderr
      "-Wuninitialized",
  };
  for (const std::filesystem::path& directory :
       {options.stdlibIncludeDir, options.runtimeIncludeDir}) {
    if (!directory.empty()) arguments.push_back("-I" + absolutePath(directory));
  }
  for (const std::filesystem::path& directory : options.includeDirs)
    arguments.push_back("-I" + absolutePath(directory));
  for (const std::string& define : options.defines)
    arguments.push_back("-D" + define);
  arguments.insert(arguments.end(), options.extraArgs.begin(), options.extraArgs.end());
  arguments.push_back("-xc++");
  arguments.push_back(options.source.string());
  return arguments;
}

FrontendResult analyzeService(const FrontendOptions& options, const Analyses& analyses) {
  FrontendResult result;
  result.service.serviceName = serviceNameFromPath(options.source);

  DiagnosticCollector collector(options.compilerWarnings);
  if (analyses.determinismRules) {
    for (const RuleDescriptor* descriptor : allRules()) {
      if (std::find(analyses.disabledRules.begin(), analyses.disabledRules.end(),
                    descriptor->name) != analyses.disabledRules.end()) {
        continue;
      }
      for (llvm::StringRef option : descriptor->adoptedWarnings) {
        collector.adoptWarning(option,
                               {descriptor->name.str(), descriptor->adoptedWarningInstead.str()});
      }
    }
  }

  auto overlay =
      llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
  if (options.sourceText) {
    auto memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
    overlay->pushOverlay(memory);
    memory->addFile(options.source.string(), 0,
                    llvm::MemoryBuffer::getMemBufferCopy(*options.sourceText));
  }
  auto files = llvm::makeIntrusiveRefCnt<clang::FileManager>(clang::FileSystemOptions(), overlay);

  clang::tooling::ToolInvocation invocation(
      compilerArguments(options),
      std::make_unique<AnalysisAction>(options, analyses, result.service), files.get());
  invocation.setDiagnosticConsumer(&collector);
  invocation.run();

  result.diagnostics = collector.takeDiagnostics();
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.severity == Severity::Error) ++result.errorCount;
    if (diagnostic.severity == Severity::Warning) ++result.warningCount;
  }
  return result;
}

std::string FrontendResult::renderedDiagnostics() const {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics)
    text += diagnostic.rendered;
  if (warningCount > 0 && errorCount > 0) {
    text += pluralize(warningCount, "warning") + " and " + pluralize(errorCount, "error") +
            " generated.\n";
  } else if (warningCount > 0) {
    text += pluralize(warningCount, "warning") + " generated.\n";
  } else if (errorCount > 0) {
    text += pluralize(errorCount, "error") + " generated.\n";
  }
  return text;
}

std::vector<RuleInfo> determinismRules() {
  std::vector<RuleInfo> rules;
  for (const RuleDescriptor* descriptor : allRules()) {
    rules.push_back(RuleInfo{descriptor->name.str(), descriptor->summary.str()});
  }
  return rules;
}

std::string Method::selectorHex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text = "0x";
  for (int shift = 28; shift >= 0; shift -= 4)
    text += kDigits[(selector >> shift) & 15];
  return text;
}

} // namespace vcc::frontend

namespace vcc::frontend {

void installFatalErrorHandlers(void (*onFatalError)(const char* reason), void (*onOutOfMemory)()) {
  static void (*fatal)(const char*) = nullptr;
  static void (*outOfMemory)() = nullptr;
  fatal = onFatalError;
  outOfMemory = onOutOfMemory;
  llvm::install_fatal_error_handler([](void*, const char* reason, bool) { fatal(reason); });
  llvm::install_bad_alloc_error_handler([](void*, const char*, bool) { outOfMemory(); });
}

} // namespace vcc::frontend
