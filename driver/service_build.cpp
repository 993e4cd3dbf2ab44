#include "service_build.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "build_config.hpp"
#include "build_directory.hpp"
#include "dependency_file.hpp"
#include "dispatch_glue.hpp"
#include "file_io.hpp"
#include "frontend_limits.hpp"
#include "native_build.hpp"
#include "parts.hpp"
#include "service_contract.hpp"
#include "toolchain/guest_image.hpp"
#include "toolchain/process.hpp"
#include "vcc/frontend/frontend.hpp"
#if VCC_WITH_IR_PLUGIN
#include "vcc/passes/ir_plugin.hpp"
#endif
#include "vcc/vm/keccak.hpp"
#include "vcc/vm/machine.hpp"
#include "vcc/vm/state.hpp"

namespace vcc::driver {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMaxFileBytes = uint64_t{1} << 30;

// Outputs are written fresh and renamed into place: a link planted in the
// output directory is replaced, never followed.
bool writeText(const fs::path& path, const std::string& text, std::string& error) {
  return replaceFile(path, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), error);
}

std::vector<uint8_t> readOrEmpty(const fs::path& path) {
  std::string error;
  auto bytes = readBinary(path.string(), kMaxFileBytes, error);
  return bytes ? std::move(*bytes) : std::vector<uint8_t>{};
}

// A path with its size and modification time: enough to tell that one of
// vcc's own parts (a runtime library, the plugin, vcc itself) was rebuilt.
std::string fileStamp(const fs::path& path) {
  std::error_code error;
  auto size = fs::file_size(path, error);
  auto time = fs::last_write_time(path, error);
  if (error) return path.string() + " missing";
  return path.string() + " " + std::to_string(size) + " " + std::to_string(time.time_since_epoch().count());
}

// A key over everything the outputs depend on: vcc and its parts, the
// options, the contents of every file the native and the guest compiles
// read (their -MD dependency lists) and of the guest runtime's sources.
// Empty when a dependency list is missing (never built, or interrupted).
std::string inputKey(const BuildOptions& options, const fs::path& depsFile, const fs::path& guestWork) {
  vm::Keccak256 hasher;
  auto add = [&](const std::string& text) {
    hasher.update(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size() + 1));
  };
  auto addFile = [&](const fs::path& path) {
    add(path.string());
    hasher.update(readOrEmpty(path));
  };
  add(VCC_VERSION);
  add(options.cuda && cudaAvailable() ? "cuda" : "no cuda");
  add(options.fuzzer ? "fuzzer" : "no fuzzer");
  add(fs::absolute(options.source).string());
  for (const fs::path& dir : options.includeDirs) add(fs::absolute(dir).string());
  for (const std::string& define : options.defines) add(define);
  for (const std::string& flag : options.nvccFlags) add("nvcc " + flag);
  std::vector<fs::path> dependencyLists{depsFile};
  std::error_code listError;
  for (fs::recursive_directory_iterator it(guestWork / "objects", listError), end; !listError && it != end;
       it.increment(listError))
    if (it->path().extension() == ".d") dependencyLists.push_back(it->path());
  if (dependencyLists.size() < 2) return {};  // the guest compile's lists are missing
  std::sort(dependencyLists.begin() + 1, dependencyLists.end());
  for (const fs::path& list : dependencyLists) {
    std::string readError;
    std::optional<std::vector<uint8_t>> text = readBinary(list.string(), kMaxFileBytes, readError);
    if (!text) return {};
    add(list.filename().string());
    for (const std::string& file : parseDependencyFile(std::string_view(reinterpret_cast<const char*>(text->data()), text->size())))
      addFile(file);
  }

  std::error_code error;
  std::vector<fs::path> guestFiles{parts().guestMainSource};
  for (fs::recursive_directory_iterator it(toolchain::GuestToolchain::configured().runtimeDir, error), end;
       !error && it != end; it.increment(error))
    if (it->is_regular_file(error)) guestFiles.push_back(it->path());
  std::sort(guestFiles.begin(), guestFiles.end());
  for (const fs::path& file : guestFiles) addFile(file);

  std::vector<fs::path> parts{fs::read_symlink("/proc/self/exe", error)};
  for (const std::string& library : driver::parts().nativeLibraries) parts.push_back(library);
  for (const std::string& library : driver::parts().cudaNativeLibraries) parts.push_back(library);
#if VCC_WITH_IR_PLUGIN
  parts.push_back(driver::parts().irPlugin.pluginPath);
#endif
  for (const fs::path& part : parts)
    if (!part.empty()) add(fileStamp(part));
  return vm::toHex(hasher.finalize());
}

}  // namespace

BuildOutcome buildService(const BuildOptions& options, const std::function<void(const std::string&)>& progress) {
  BuildOutcome outcome;
  std::error_code fsError;
  if (!fs::is_regular_file(options.source)) {
    outcome.error = options.source.string() + ": no such source file";
    return outcome;
  }
  const std::string name = options.source.stem().string();
  const fs::path out = options.outputDir;
  const fs::path work = out / ".vcc-work";
  fs::create_directories(out, fsError);
  std::string workError;
  if (fsError || !makeDirectories(out, {".vcc-work"}, workError)) {
    outcome.error = fsError ? out.string() + ": " + fsError.message() : workError;
    return outcome;
  }
  const fs::path stampFile = work / "inputs.key";
  const fs::path depsFile = work / "native.d";
  const fs::path manifestFile = out / "manifest.json";

  // A rebuild with nothing changed only re-reads the inputs.
  if (!options.force && fs::exists(manifestFile) && fs::exists(stampFile)) {
    std::ifstream stamp(stampFile);
    std::string previous;
    stamp >> previous;
    std::string error;
    // Up to date: the same inputs, and outputs that still match the
    // manifest's digests (loadBuildDirectory checks each file).
    BuildDirectoryError kind;
    std::optional<BuildDirectory> existing =
        previous.empty() || previous != inputKey(options, depsFile, work / "guest")
            ? std::nullopt
            : loadBuildDirectory(out.string(), kind, error);
    if (existing && (!options.fuzzer || fs::is_regular_file(fuzzerPath(out, name)))) {
      outcome.status = BuildOutcome::Status::UpToDate;
      outcome.manifest = std::move(existing->manifest);
      return outcome;
    }
  }

  // A build starts from an empty .vcc-work: the compilers write some files
  // (-MF lists) without replacing a link planted there, and nothing of a
  // previous build is reused.
  fs::remove_all(work, fsError);
  if (fsError || !makeDirectories(out, {".vcc-work"}, workError)) {
    outcome.error = fsError ? work.string() + ": " + fsError.message() : workError;
    return outcome;
  }

  progress("checking " + options.source.string() + " (determinism rules, methods)");
  frontend::FrontendOptions frontendOptions = driver::frontendOptions();
  frontendOptions.source = options.source;
  frontendOptions.includeDirs = options.includeDirs;
  frontendOptions.defines = options.defines;
  frontend::Analyses analyses;
  analyses.reservedMethodNames = contractDeclaredNames(frontend::serviceNameFromPath(options.source));
  frontend::FrontendResult analysis = [&] {
    ScopedAddressSpaceLimit limit(kFrontendAddressSpaceBytes);
    return frontend::analyzeService(frontendOptions, analyses);
  }();
  outcome.diagnostics = analysis.renderedDiagnostics();
  if (!analysis.ok()) {
    outcome.status = BuildOutcome::Status::Rejected;
    return outcome;
  }
  if (analysis.service.methods.empty()) {
    outcome.status = BuildOutcome::Status::Rejected;
    outcome.diagnostics += options.source.string() + ": error: no method marked VCC_METHOD\n";
    return outcome;
  }

  // The glue includes the service by name through -I <source dir>, so that
  // no absolute path of this machine reaches the image.
  const fs::path sourceDir = fs::absolute(options.source).parent_path();
  std::vector<GlueMethod> glueMethods;
  for (const frontend::Method& method : analysis.service.methods)
    glueMethods.push_back({method.qualifiedName, method.name, method.signature, method.selector});
  const fs::path glue = work / (name + ".dispatch.cpp");
  std::string error;
  if (!writeText(glue, generateDispatchGlue(options.source.filename().string(), glueMethods), error)) {
    outcome.error = error;
    return outcome;
  }
  std::vector<fs::path> includeDirs{sourceDir};
  for (const fs::path& dir : options.includeDirs) includeDirs.push_back(fs::absolute(dir));
  includeDirs.push_back(parts().stdlibIncludeDir);

  // The native binary first: its compile has line tables, so an IR-plugin
  // rejection points at the offending line (the image is built with -g0).
  const bool cuda = options.cuda && cudaAvailable();
  progress("building the native binary " + name + ".native (" +
           (cuda ? "nvcc: cuda, threads and serial backends; libc++ as in the image" : "threads and serial backends") +
           ")");
  NativeBuildRequest nativeRequest{glue, includeDirs, options.defines, work, depsFile,
                                   out / (name + ".native"), cuda, options.nvccFlags, {}};
  if (options.fuzzer) nativeRequest.fuzzer = fuzzerPath(out, name);
  NativeBuildResult native = buildNative(nativeRequest);
  if (native.status == NativeBuildResult::Status::Rejected) {
    outcome.status = BuildOutcome::Status::Rejected;
    outcome.diagnostics += native.diagnostics;
    return outcome;
  }
  if (native.status != NativeBuildResult::Status::Built) {
    outcome.error = "the native binary did not build: " + native.error;
    return outcome;
  }

  progress("building the RISC-V image " + name + ".rv64.elf");
  toolchain::GuestImageRequest guest;
  guest.sources = {glue, parts().guestMainSource};
  guest.includeDirs = includeDirs;
  guest.defines = options.defines;
#if VCC_WITH_IR_PLUGIN
  // The same checks and rewrites as the native compile (docs/passes.md).
  guest.sourceFlags = passes::irPluginArguments(parts().irPlugin);
  guest.trustedSources = {parts().guestMainSource};
#endif
  guest.output = out / (name + ".rv64.elf");
  guest.workDir = work / "guest";
  toolchain::GuestImageResult image = toolchain::buildGuestImage(guest);
  if (!image && image.error.find(" [vcc-") != std::string::npos) {
    // The IR plugin's errors name their rule: a rejected program.
    outcome.status = BuildOutcome::Status::Rejected;
    outcome.diagnostics += image.error.substr(image.error.find('\n') + 1);
    return outcome;
  }
  if (!image) {
    outcome.error = "the RISC-V image did not build:\n" + image.error;
    return outcome;
  }

  progress("hashing the image and writing the contract and manifest");
  std::vector<uint8_t> imageBytes = readOrEmpty(guest.output);
  vm::Machine machine;
  vm::ElfLoadResult loaded = machine.load(imageBytes);
  if (!loaded.ok()) {
    outcome.error = "the built image does not load: " + loaded.error;
    return outcome;
  }
  vm::Hash programHash = machine.stateRoot();

  Manifest& manifest = outcome.manifest;
  manifest.service = name;
  manifest.vccVersion = VCC_VERSION;
  manifest.toolchain.clang = toolchain::toolVersion(kClangxx).value_or("unknown");
  manifest.toolchain.lld = toolchain::toolVersion(toolchain::GuestToolchain::configured().lld).value_or("unknown");
  const toolchain::GuestRecipe& recipe = toolchain::guestRecipe();
  manifest.toolchain.guestFlags = recipe.compileFlags;
  manifest.toolchain.guestFlags.insert(manifest.toolchain.guestFlags.end(), recipe.cxxFlags.begin(), recipe.cxxFlags.end());
  manifest.toolchain.nativeFlags = nativeCodeFlags();
  // The libc++ configuration's directory as the guest flags name it, not
  // this machine's path.
  for (std::string& flag : manifest.toolchain.nativeFlags)
    if (flag.starts_with("-isystem") && flag.ends_with("/runtime-vm/guest/libcxx")) flag = "-isystem@RUNTIME_DIR@/libcxx";
  manifest.vm.programHash = programHash;
  manifest.vm.layoutVersion = toolchain::kGuestLayoutVersion;
  manifest.vm.stateVersion = vm::kStateLayoutVersion;
  manifest.vm.elf = describeFile(name + ".rv64.elf", imageBytes);
  manifest.native.binary = describeFile(name + ".native", readOrEmpty(out / (name + ".native")));
  if (native.cuda) {
    manifest.toolchain.nvcc = native.cuda->nvccVersion;
    manifest.toolchain.cudaFlags = native.cuda->flags;
    manifest.native.cudaArchitectures = native.cuda->architectures;
  }

  ServiceContract contract{name, {}};
  for (const frontend::Method& method : analysis.service.methods) {
    ManifestMethod entry{method.name, method.signature, method.returnAbiType, {}, programHash};
    for (int i = 0; i < 4; ++i) entry.selector[i] = static_cast<uint8_t>(method.selector >> (24 - 8 * i));
    manifest.methods.push_back(entry);
    ContractMethod contractMethod{method.name, {}, entry.selector, programHash};
    for (const frontend::MethodParameter& parameter : method.parameters)
      contractMethod.parameters.push_back({parameter.abiType, parameter.name});
    contract.methods.push_back(contractMethod);
  }
  std::string contractSource = generateServiceContract(contract);
  std::string contractFile = contractName(name) + ".sol";
  if (!writeText(out / contractFile, contractSource, error)) {
    outcome.error = error;
    return outcome;
  }
  manifest.contract = {contractFile, vm::keccak256(std::span(reinterpret_cast<const uint8_t*>(contractSource.data()),
                                                             contractSource.size()))};
  if (!writeText(manifestFile, renderManifest(manifest), error) ||
      !writeText(stampFile, inputKey(options, depsFile, work / "guest") + "\n", error)) {
    outcome.error = error;
    return outcome;
  }
  outcome.status = BuildOutcome::Status::Built;
  return outcome;
}

}  // namespace vcc::driver
