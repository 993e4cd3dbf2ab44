// `vcc vm run IMAGE`: runs a static RV64IM image in the fraud-proof VM.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "file_io.hpp"
#include "json_writer.hpp"
#include "vcc/vm/machine.hpp"
#include "vcc/vm/snapshot.hpp"
#include "vcc/vm/state_root_pipeline.hpp"
#include "vcc/vm/syscalls.hpp"
#include "vm_image.hpp"

namespace vcc::driver {
namespace {

struct VmRunOptions {
  std::string image;
  std::string input;
  std::string output;
  std::string store;
  uint64_t maxSteps = 10'000'000'000;
  uint64_t checkpointEvery = 0;
  uint64_t snapshotEvery = 0;
  std::string snapshotDir;
  uint64_t maxMemoryMiB = kDefaultMaxMemoryMiB;
  bool stateRoot = false;
  bool stats = false;
  bool json = false;
};

struct Checkpoint {
  uint64_t step;
  vm::Hash stateRoot;
};

// Steps per slice of the run; between slices the command may print progress.
constexpr uint64_t kStepsPerSlice = 200'000'000;

const char* statusName(vm::StopReason reason) {
  switch (reason) {
  case vm::StopReason::Exited: return "exited";
  case vm::StopReason::Trapped: return "trapped";
  case vm::StopReason::StepLimit: return "out-of-steps";
  case vm::StopReason::MemoryLimit: return "out-of-memory";
  case vm::StopReason::MissingData: return "missing-data";
  }
  return "unknown";
}

int exitCodeFor(vm::StopReason reason, const vm::MachineState& state) {
  switch (reason) {
  case vm::StopReason::Exited: return static_cast<int>(state.exitCode & 0xff);
  case vm::StopReason::Trapped: return kExitGuestTrapped;
  case vm::StopReason::StepLimit: return kExitStepLimit;
  case vm::StopReason::MemoryLimit: return kExitMemoryLimit;
  case vm::StopReason::MissingData: return kExitMissingData;
  }
  return kExitGuestTrapped;
}

// Runs to completion or the step limit, recording a state root at step 0
// and every `checkpointEvery` steps after it when asked. The roots are
// hashed on a second thread while the machine runs on (StateRootPipeline).
vm::StopReason execute(vm::Machine& machine, const VmRunOptions& options, std::vector<Checkpoint>& checkpoints,
                       bool showProgress, const vm::Hash& programHash, std::string& error) {
  auto start = std::chrono::steady_clock::now();
  uint64_t nextCheckpoint = 0;
  uint64_t nextSnapshot = options.snapshotEvery;
  // Snapshots at every multiple of --snapshot-every (not step 0: that is the
  // image itself), written fresh and renamed into place.
  auto snapshotDue = [&] {
    if (options.snapshotEvery == 0 || machine.state().steps != nextSnapshot || !error.empty()) return;
    std::vector<uint8_t> bytes = vm::saveSnapshot(machine, programHash);
    std::filesystem::path file =
        std::filesystem::path(options.snapshotDir) / (std::to_string(machine.state().steps) + ".vccsnap");
    replaceFile(file, bytes, error);
    nextSnapshot += options.snapshotEvery;
  };
  std::optional<vm::StateRootPipeline> pipeline;
  if (options.checkpointEvery != 0) pipeline.emplace(machine);
  auto emit = [&](const std::optional<vm::StateRootPipeline::Root>& root) {
    if (!root) return;
    checkpoints.push_back({root->step, root->stateRoot});
    if (!options.json) std::fprintf(stderr, "%" PRIu64 " %s\n", root->step, vm::toHex(root->stateRoot).c_str());
  };
  uint64_t lastRecorded = 0;
  auto record = [&] {
    lastRecorded = machine.state().steps;
    emit(pipeline->capture());
  };
  auto checkpointDue = [&] {
    if (options.checkpointEvery == 0 || machine.state().steps != nextCheckpoint) return;
    record();
    nextCheckpoint += options.checkpointEvery;
  };
  bool progressShown = false;
  vm::StopReason reason;
  for (;;) {
    checkpointDue();
    snapshotDue();
    uint64_t target = std::min(options.maxSteps, machine.state().steps + kStepsPerSlice);
    if (options.checkpointEvery != 0) target = std::min(target, nextCheckpoint);
    if (options.snapshotEvery != 0) target = std::min(target, nextSnapshot);
    reason = machine.run(target);
    if (reason != vm::StopReason::StepLimit || machine.state().steps == options.maxSteps || !error.empty()) break;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (showProgress && elapsed > 2.0) {
      std::fprintf(stderr, "\rvcc: running, %" PRIu64 " steps (%.0f s)", machine.state().steps, elapsed);
      progressShown = true;
    }
  }
  checkpointDue();
  snapshotDue();
  if (options.checkpointEvery != 0) {
    if (lastRecorded != machine.state().steps) record();  // the final state
    emit(pipeline->finish());
  }
  if (progressShown) std::fputc('\n', stderr);
  return reason;
}

void printJson(vm::Machine& machine, const VmRunOptions& options, vm::StopReason reason, double seconds,
               const std::vector<Checkpoint>& checkpoints, const std::string& stateRoot) {
  const vm::MachineState& state = machine.state();
  double mips = seconds > 0 ? static_cast<double>(state.steps) / seconds / 1e6 : 0.0;
  JsonWriter json;
  json.beginObject()
      .field("status", statusName(reason))
      .field("exitCode", state.exitCode & 0xff)
      .field("exitValue", hex64(state.exitCode))
      .field("steps", state.steps)
      .field("pc", hex64(state.pc))
      .field("wallSeconds", seconds)
      .field("mips", mips);
  if (reason == vm::StopReason::Trapped) {
    json.beginObject("trap")
        .field("kind", vm::trapKindName(state.trap.kind))
        .field("pc", hex64(state.trap.pc))
        .field("step", state.steps)
        .field("value", hex64(state.trap.value))
        .endObject();
  }
  if (!stateRoot.empty()) json.field("stateRoot", stateRoot);
  if (options.checkpointEvery != 0) {
    json.beginArray("checkpoints");
    for (const Checkpoint& checkpoint : checkpoints)
      json.beginObject().field("step", checkpoint.step).field("stateRoot", vm::toHex(checkpoint.stateRoot)).endObject();
    json.endArray();
  }
  if (options.output.empty()) json.field("response", vm::toHex(machine.response()));
  json.endObject();
  std::printf("%s\n", json.text().c_str());
}

int runImage(const VmRunOptions& options) {
  if (options.json && options.output == "-")
    return reportError("--json writes the report to stdout; give --output a file for the response");
  std::optional<std::vector<uint8_t>> request = readRequest(options.input);
  if (!request) return kExitBadInput;
  std::unique_ptr<vm::Machine> machine = loadImage(options.image);
  if (!machine) return kExitBadInput;
  vm::Hash programHash{};
  if (options.snapshotEvery != 0) {
    if (options.snapshotDir.empty()) return reportError("--snapshot-every needs --snapshot-dir DIR");
    std::error_code fsError;
    std::filesystem::create_directories(options.snapshotDir, fsError);
    if (fsError || !std::filesystem::is_directory(options.snapshotDir))
      return reportError(options.snapshotDir + ": not a directory");
    programHash = machine->stateRoot();
  }
  machine->bindRequest(std::move(*request));
  machine->setMemoryLimit(options.maxMemoryMiB << 20);
  std::unique_ptr<vm::DirectoryBlobStore> store;
  if (!attachStore(*machine, options.store, store)) return kExitBadInput;

  std::vector<Checkpoint> checkpoints;
  auto start = std::chrono::steady_clock::now();
  std::string snapshotError;
  vm::StopReason reason =
      execute(*machine, options, checkpoints, !options.json && isatty(STDERR_FILENO), programHash, snapshotError);
  if (!snapshotError.empty()) return reportError("snapshot: " + snapshotError);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const vm::MachineState& state = machine->state();

  std::span<const uint8_t> log = machine->debugLog();
  if (!log.empty()) {
    std::fwrite(log.data(), 1, log.size(), stderr);
    std::fflush(stderr);
  }
  if (!options.json || !options.output.empty()) {
    std::string error;
    if (!writeBinary(options.output.empty() ? "-" : options.output, machine->response(), error))
      return reportError(error);
  }
  std::string stateRoot = options.stateRoot ? vm::toHex(machine->stateRoot()) : std::string();
  if (options.json) {
    printJson(*machine, options, reason, seconds, checkpoints, stateRoot);
  } else if (!stateRoot.empty()) {
    std::fprintf(stderr, "stateRoot %s\n", stateRoot.c_str());
  }
  if (reason == vm::StopReason::Trapped) {
    std::fprintf(stderr, "vcc: guest trapped: %s at pc %s, step %" PRIu64 " (value %s)\n",
                 std::string(vm::trapKindName(state.trap.kind)).c_str(), hex64(state.trap.pc).c_str(),
                 state.steps, hex64(state.trap.value).c_str());
  } else if (reason == vm::StopReason::StepLimit) {
    std::fprintf(stderr, "vcc: step limit reached: %" PRIu64 " steps, pc %s (raise --max-steps)\n", state.steps,
                 hex64(state.pc).c_str());
  } else if (reason == vm::StopReason::MemoryLimit) {
    std::fprintf(stderr,
                 "vcc: memory limit reached: the instruction at pc %s (step %" PRIu64
                 ") needs more than %" PRIu64 " MiB of guest memory (raise --max-memory)\n",
                 hex64(state.pc).c_str(), state.steps, options.maxMemoryMiB);
  } else if (reason == vm::StopReason::MissingData) {
    std::fprintf(stderr,
                 "vcc: missing data: the oracle call at pc %s (step %" PRIu64 ") names blob %s, which %s\n",
                 hex64(state.pc).c_str(), state.steps, vm::toHex(vm::oracleRootArgument(state.x)).c_str(),
                 options.store.empty() ? "needs a store (--store DIR)" : "the store does not have");
  }
  if (options.stats && !options.json) {
    double mips = seconds > 0 ? static_cast<double>(state.steps) / seconds / 1e6 : 0.0;
    std::fprintf(stderr, "vcc: status %s, exit code %" PRIu64 ", %" PRIu64 " steps, %.3f s, %.1f MIPS\n",
                 statusName(reason), state.exitCode, state.steps, seconds, mips);
  }
  return exitCodeFor(reason, state);
}

}  // namespace

void addVmRunCommand(CLI::App& vm, int& exitCode) {
  auto options = std::make_shared<VmRunOptions>();
  CLI::App* run = vm.add_subcommand("run", "Run a static RV64IM ELF image in the fraud-proof VM");
  run->add_option("image", options->image, "RV64IM ELF image to run")->required();
  run->add_option("--input", options->input, "Request bytes served on fd 0 (FILE, or - for stdin)");
  run->add_option("--output", options->output,
                  "Where the response (fd 1) goes (FILE, or - for stdout; default stdout)");
  run->add_option("--store", options->store,
                  "Directory of blobs for the data oracle, each named by its data root in hex (docs/data-roots.md)");
  run->add_option("--max-steps", options->maxSteps, "Stop after this many instructions (exit code 101)")
      ->capture_default_str()
      ->check(PositiveCount);
  run->add_option("--max-memory", options->maxMemoryMiB,
                  "MiB of guest memory the host may allocate; the run stops (exit code 102) before the "
                  "instruction that needs more (16 to 4096)")
      ->capture_default_str()
      ->check(MemoryMiB);
  run->add_flag("--state-root", options->stateRoot, "Print the final state root (stderr, or in the JSON)");
  run->add_option("--checkpoint-every", options->checkpointEvery,
                  "Print 'STEP STATEROOT' at step 0 and every N steps, and at the end (stderr, or in the JSON)")
      ->check(PositiveCount);
  run->add_option("--snapshot-every", options->snapshotEvery,
                  "Write the whole machine to --snapshot-dir every N steps (STEP.vccsnap), for vcc vm prove "
                  "--snapshots")
      ->check(PositiveCount);
  run->add_option("--snapshot-dir", options->snapshotDir, "Directory for --snapshot-every")->check(NonEmptyPath);
  run->add_flag("--stats", options->stats, "Report steps, wall time, MIPS and the final status on stderr");
  run->add_flag("--json", options->json,
                "Print a JSON report on stdout (the response is included unless --output is given)");
  run->footer(
      "Exit code: the guest's exit code (low 8 bits); 100 if the guest trapped; 101 if the step "
      "limit was reached; 102 if the memory limit was reached; 104 if an oracle call names a blob the store "
      "does not have; 2 for bad usage or an invalid image. The debug log (fd 2) goes to stderr.");
  run->callback([options, &exitCode] { exitCode = runImage(*options); });
}

}  // namespace vcc::driver
