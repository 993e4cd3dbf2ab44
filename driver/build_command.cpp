// `vcc build SRC -o DIR` and `vcc check SRC`.
#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "frontend_limits.hpp"
#include "json_writer.hpp"
#include "service_contract.hpp"
#include "parts.hpp"
#include "service_build.hpp"
#include "vcc/frontend/frontend.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {
namespace {

struct BuildCommandOptions {
  BuildOptions build;
  bool json = false;
};

int runBuild(const BuildCommandOptions& options) {
  int stage = 0;
  auto progress = [&](const std::string& line) {
    if (!options.json) std::fprintf(stderr, "vcc: [%d/4] %s\n", ++stage, line.c_str());
  };
  BuildOutcome outcome = buildService(options.build, progress);
  if (!outcome.diagnostics.empty()) std::fputs(outcome.diagnostics.c_str(), stderr);
  if (outcome.status == BuildOutcome::Status::Failed) {
    std::fprintf(stderr, "vcc: error: %s\n", outcome.error.c_str());
    return kExitBadInput;
  }
  if (outcome.status == BuildOutcome::Status::Rejected) {
    std::fprintf(stderr, "vcc: error: %s was rejected (see the diagnostics above)\n", options.build.source.c_str());
    return kExitCheckFailed;
  }
  const Manifest& manifest = outcome.manifest;
  bool upToDate = outcome.status == BuildOutcome::Status::UpToDate;
  if (options.json) {
    JsonWriter json;
    json.beginObject()
        .field("status", upToDate ? "up-to-date" : "built")
        .field("outputDir", options.build.outputDir.string())
        .field("service", manifest.service)
        .field("programHash", vm::toHex(manifest.vm.programHash))
        .field("image", manifest.vm.elf.file)
        .field("native", manifest.native.binary.file)
        .field("contract", manifest.contract.file)
        .field("manifest", "manifest.json");
    json.beginArray("methods");
    for (const ManifestMethod& method : manifest.methods)
      json.beginObject().field("signature", method.signature).field("selector", vm::toHex(method.selector)).endObject();
    json.endArray().endObject();
    std::printf("%s\n", json.text().c_str());
  } else {
    std::printf("%s %s in %s\nprogramHash %s\n", manifest.service.c_str(), upToDate ? "is up to date" : "built",
                options.build.outputDir.c_str(), vm::toHex(manifest.vm.programHash).c_str());
    for (const ManifestMethod& method : manifest.methods)
      std::printf("  %s  %s\n", vm::toHex(method.selector).c_str(), method.signature.c_str());
  }
  return kExitOk;
}

struct CheckOptions {
  std::string source;
  std::vector<std::string> includeDirs;
  std::vector<std::string> defines;
  bool json = false;
};

int runCheck(const CheckOptions& options) {
  frontend::FrontendOptions frontendOptions = driver::frontendOptions();
  frontendOptions.source = options.source;
  for (const std::string& dir : options.includeDirs) frontendOptions.includeDirs.push_back(dir);
  frontendOptions.defines = options.defines;
  frontend::Analyses analyses;
  analyses.reservedMethodNames = contractDeclaredNames(frontend::serviceNameFromPath(options.source));
  frontend::FrontendResult result = [&] {
    ScopedAddressSpaceLimit limit(kFrontendAddressSpaceBytes);
    return frontend::analyzeService(frontendOptions, analyses);
  }();
  if (options.json) {
    JsonWriter json;
    json.beginObject().field("ok", result.ok()).field("errors", static_cast<uint64_t>(result.errorCount));
    json.beginArray("diagnostics");
    for (const frontend::Diagnostic& diagnostic : result.diagnostics) {
      json.beginObject()
          .field("severity", diagnostic.severity == frontend::Severity::Error     ? "error"
                             : diagnostic.severity == frontend::Severity::Warning ? "warning"
                                                                                  : "note")
          .field("file", diagnostic.position.file)
          .field("line", static_cast<uint64_t>(diagnostic.position.line))
          .field("column", static_cast<uint64_t>(diagnostic.position.column))
          .field("rule", diagnostic.rule)
          .field("message", diagnostic.message)
          .endObject();
    }
    json.endArray();
    json.beginArray("methods");
    for (const frontend::Method& method : result.service.methods)
      json.beginObject().field("signature", method.signature).field("selector", method.selectorHex()).endObject();
    json.endArray().endObject();
    std::printf("%s\n", json.text().c_str());
  } else {
    std::fputs(result.renderedDiagnostics().c_str(), stderr);
    if (result.ok()) {
      std::printf("%s: ok, %zu method%s\n", options.source.c_str(), result.service.methods.size(),
                  result.service.methods.size() == 1 ? "" : "s");
      for (const frontend::Method& method : result.service.methods)
        std::printf("  %s  %s\n", method.selectorHex().c_str(), method.signature.c_str());
    }
  }
  if (!result.ok()) {
    bool missing = !std::filesystem::exists(options.source);
    return missing ? kExitBadInput : kExitCheckFailed;
  }
  return kExitOk;
}

}  // namespace

void addBuildCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<BuildCommandOptions>();
  CLI::App* build = app.add_subcommand("build", "Build a service: native binary, RISC-V image, contract, manifest");
  build->add_option("source", options->build.source, "The service's C++ source")->required()->transform(SourceFile);
  build->add_option("-o,--output", options->build.outputDir, "Output directory")->required()->check(NonEmptyPath);
  build->add_option("-I,--include", options->build.includeDirs, "Extra include directory of the service")
      ->check(CLI::ExistingDirectory);
  build->add_option("-D,--define", options->build.defines, "Preprocessor definition NAME or NAME=VALUE")
      ->check(MacroDefinition);
  build->add_flag("--force", options->build.force, "Rebuild even if nothing changed");
  build->add_flag("--cuda", [options](int64_t) { options->build.cuda = true; },
                  "Also build with nvcc for the cuda backend: host code against libc++ as in the image, "
                  "device code for each of the configured GPU architectures (a slower build; docs/cli.md)");
  build->add_flag("--no-cuda", [options](int64_t) { options->build.cuda = false; },
                  "The default: a clang++ build against libc++ with the threads and serial backends");
  build->add_flag("--fuzzer", options->build.fuzzer,
                  "Also build the in-process differential fuzzer (.vcc-work/fuzz/NAME.fuzz) that "
                  "vcc verify-equiv --fuzz-time runs: coverage-guided, native against the VM");
  build->add_option("--nvcc-flag", options->build.nvccFlags,
                    "An nvcc option after vcc's own (e.g. -maxrregcount=64); recorded in the manifest, "
                    "and the PTX scan still rejects approximate code")
      ->allow_extra_args(false);
  build->add_flag("--json", options->json, "Print a JSON summary on stdout instead of progress and text");
  build->footer("Exit code: 0; 1 if the source breaks a determinism rule or has no valid method; 2 on bad input "
                "or a failed compile.");
  build->callback([options, &exitCode] { exitCode = runBuild(*options); });

  auto check = std::make_shared<CheckOptions>();
  CLI::App* checkCommand = app.add_subcommand("check", "Check a service source against the determinism rules");
  checkCommand->add_option("source", check->source, "The service's C++ source")->required()->transform(SourceFile);
  checkCommand->add_option("-I,--include", check->includeDirs, "Extra include directory of the service")
      ->check(CLI::ExistingDirectory);
  checkCommand->add_option("-D,--define", check->defines, "Preprocessor definition NAME or NAME=VALUE")
      ->check(MacroDefinition);
  checkCommand->add_flag("--json", check->json, "Print diagnostics and methods as JSON on stdout");
  checkCommand->footer("Exit code: 0 when clean; 1 when a rule is broken; 2 when the source is missing or not a "
                       "file, on bad options, or when the frontend runs out of its memory limit.");
  checkCommand->callback([check, &exitCode] { exitCode = runCheck(*check); });
}

}  // namespace vcc::driver
