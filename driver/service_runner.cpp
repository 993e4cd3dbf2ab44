#include "service_runner.hpp"

#include <csignal>
#include <filesystem>
#include <sstream>

#include "exit_codes.hpp"
#include "file_io.hpp"
#include "toolchain/process.hpp"
#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/machine.hpp"
#include "vcc/vm/syscalls.hpp"

namespace vcc::driver {
namespace {

namespace fs = std::filesystem;

// The most a native or qemu run may write to one file (its response, its
// log): docs/security.md.
constexpr uint64_t kMaxResponseBytes = uint64_t{1} << 30;

// Runs a native or qemu process on the request in a fresh private
// directory inside workDir (files created exclusively, nothing followed);
// qemu reads the request on stdin and writes the response on stdout, the
// native binary takes --input and --output. No shell is involved.
RunResult runProcess(std::vector<std::string> command, const std::vector<uint8_t>& request,
                     const RunnerOptions& options, bool stdinRequest) {
  RunResult result;
  std::string error;
  std::optional<PrivateDirectory> scratch = PrivateDirectory::create(options.workDir, error);
  if (!scratch) {
    result.failure = error;
    return result;
  }
  fs::path requestFile = scratch->path() / "request.bin";
  fs::path responseFile = scratch->path() / "response.bin";
  if (!writeNewFile(requestFile, request, error)) {
    result.failure = error;
    return result;
  }
  toolchain::SpawnOptions spawn;
  spawn.timeoutSeconds = options.timeoutSeconds;
  spawn.maxFileBytes = kMaxResponseBytes;
  if (stdinRequest) {
    spawn.stdinFile = requestFile;
    spawn.stdoutFile = responseFile;
  } else {
    command.insert(command.end(), {"--input", requestFile.string(), "--output", responseFile.string()});
  }
  toolchain::ProcessResult ran = toolchain::runProcess(command, scratch->path(), spawn);
  result.exitCode = ran.exitCode;
  if (!ran.succeeded()) {
    // A trap is one outcome on every runner: exit code 100 and no response.
    // The native binary exits 100 itself; qemu dies of the signal.
    if (ran.signal == SIGTRAP || ran.signal == SIGILL || ran.signal == SIGSEGV || ran.signal == SIGBUS)
      result.exitCode = kExitGuestTrapped;
    if (ran.timedOut) result.exitCode = kExitTimeLimit;
    result.hostLimit = ran.timedOut || (!stdinRequest && (result.exitCode == kExitMemoryLimit ||
                                                          result.exitCode == kExitMissingData));
    result.failure = (result.exitCode == kExitGuestTrapped ? "the program trapped: " : "") + ran.describeFailure() +
                     (ran.output.empty() ? "" : ": " + ran.output);
    if (ran.timedOut) result.failure = "the native run reached its time limit of " +
                                       std::to_string(options.timeoutSeconds) + " s (--timeout)";
    while (!result.failure.empty() && result.failure.back() == '\n') result.failure.pop_back();
    return result;
  }
  auto response = readRegularFile(responseFile, kMaxResponseBytes, error);
  if (!response) {
    result.failure = error;
    return result;
  }
  result.response = std::move(*response);
  result.ok = true;
  return result;
}

}  // namespace

RunResult runNative(const BuildDirectory& build, const std::string& backend, unsigned threads,
                    const std::vector<uint8_t>& request, const RunnerOptions& options) {
  std::vector<std::string> command{build.nativePath, "--backend", backend};
  if (threads) command.insert(command.end(), {"--threads", std::to_string(threads)});
  if (!options.store.empty()) command.insert(command.end(), {"--store", options.store});
  return runProcess(command, request, options, false);
}

RunResult runQemu(const BuildDirectory& build, const std::vector<uint8_t>& request, const RunnerOptions& options) {
  fs::path qemu = toolchain::findOnPath("qemu-riscv64");
  if (qemu.empty()) return RunResult{false, 0, "qemu-riscv64 is not installed", {}, 0};
  fs::path image = fs::absolute(fs::path(build.path) / build.manifest.vm.elf.file);
  return runProcess({qemu.string(), image.string()}, request, options, true);
}

RunResult runVm(const BuildDirectory& build, const std::vector<uint8_t>& request, const RunnerOptions& options) {
  RunResult result;
  vm::Machine machine;
  vm::ElfLoadResult loaded = machine.load(build.image);
  if (!loaded.ok()) {
    result.failure = "invalid image: " + loaded.error;
    return result;
  }
  machine.bindRequest(request);
  machine.setMemoryLimit(options.maxMemoryMiB << 20);
  std::unique_ptr<vm::DirectoryBlobStore> store;
  if (!options.store.empty()) {
    store = std::make_unique<vm::DirectoryBlobStore>(options.store);
    machine.setBlobStore(store.get());
  }
  vm::StopReason reason = machine.run(options.maxSteps);
  const vm::MachineState& state = machine.state();
  result.steps = state.steps;
  result.response.assign(machine.response().begin(), machine.response().end());
  if (reason == vm::StopReason::Trapped) {
    // What the guest wrote before it trapped is not a response.
    result.response.clear();
    result.exitCode = kExitGuestTrapped;
    result.failure = "the guest trapped: " + std::string(vm::trapKindName(state.trap.kind));
  } else if (reason == vm::StopReason::StepLimit) {
    result.exitCode = kExitStepLimit;
    result.hostLimit = true;
    result.failure = "the step limit was reached";
  } else if (reason == vm::StopReason::MemoryLimit) {
    result.response.clear();
    result.exitCode = kExitMemoryLimit;
    result.hostLimit = true;
    result.failure = "the memory limit was reached (--max-memory)";
  } else if (reason == vm::StopReason::MissingData) {
    result.response.clear();
    result.exitCode = kExitMissingData;
    result.hostLimit = true;
    result.failure = "missing data: the store has no blob " + vm::toHex(vm::oracleRootArgument(state.x));
  } else {
    result.exitCode = static_cast<int>(state.exitCode & 0xff);
    result.ok = result.exitCode == 0;
    if (!result.ok) result.failure = "the guest exited with code " + std::to_string(result.exitCode);
  }
  return result;
}

std::vector<std::string> nativeBackends(const BuildDirectory& build, const RunnerOptions& options) {
  std::vector<std::string> backends;
  std::string error;
  std::optional<PrivateDirectory> scratch = PrivateDirectory::create(options.workDir, error);
  if (!scratch) return backends;
  toolchain::SpawnOptions spawn;
  spawn.timeoutSeconds = 60;
  toolchain::ProcessResult ran = toolchain::runProcess({build.nativePath, "--list-backends"}, scratch->path(), spawn);
  if (!ran.succeeded()) return backends;
  std::istringstream lines(ran.output);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) backends.push_back(line);
  return backends;
}

std::optional<ManifestMethod> findMethod(const Manifest& manifest, const std::string& method, std::string& error) {
  for (const ManifestMethod& candidate : manifest.methods)
    if (candidate.name == method || candidate.signature == method) return candidate;
  error = "the service has no method " + method + "; it has:";
  for (const ManifestMethod& candidate : manifest.methods) error += " " + candidate.signature;
  return std::nullopt;
}

}  // namespace vcc::driver
