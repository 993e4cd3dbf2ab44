// `vcc vm prove` and `vcc vm verify-step`: one-step proofs (SPEC §3.5,
// docs/proofs.md). prove runs the image to step N with the interpreter and
// records the proof of step N -> N+1; verify-step replays a step from the
// proof file alone.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "file_io.hpp"
#include "json_writer.hpp"
#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/proof.hpp"
#include "vcc/vm/snapshot.hpp"
#include "service_runner.hpp"
#include "vcc/vm/state.hpp"
#include "vcc/vm/syscalls.hpp"
#include "vm_image.hpp"

namespace vcc::driver {
namespace {

constexpr uint64_t kMaxProofFileBytes = 5 + vm::kPackedStateSize + vm::kMaxProofRecordBytes;

struct ProveOptions {
  std::string image;
  std::string input;
  std::string store;
  std::string snapshots;
  uint64_t step = 0;
  std::string output;
  uint64_t maxMemoryMiB = kDefaultMaxMemoryMiB;
  bool json = false;
};

struct VerifyStepOptions {
  std::string proof;
  bool json = false;
};

// The snapshot in `directory` (STEP.vccsnap, docs/proofs.md) with the
// greatest step <= `step` for this image and request; empty when none.
std::filesystem::path nearestSnapshot(const std::string& directory, const vm::Hash& programHash,
                                      const vm::Hash& requestRoot, uint64_t step, uint64_t& found) {
  std::filesystem::path best;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.path().extension() != ".vccsnap" || !entry.is_regular_file(error)) continue;
    // The header alone decides; the whole file is read for the one chosen.
    std::vector<uint8_t> head(vm::kSnapshotHeaderSize);
    std::FILE* file = std::fopen(entry.path().c_str(), "rb");
    if (file == nullptr) continue;
    size_t got = std::fread(head.data(), 1, head.size(), file);
    std::fclose(file);
    head.resize(got);
    std::string reason;
    std::optional<vm::SnapshotHeader> header = vm::readSnapshotHeader(head, reason);
    if (!header || header->programHash != programHash || header->requestRoot != requestRoot) continue;
    if (header->steps > step || (!best.empty() && header->steps <= found)) continue;
    best = entry.path();
    found = header->steps;
  }
  return best;
}

int prove(const ProveOptions& options) {
  std::optional<std::vector<uint8_t>> request = readRequest(options.input);
  if (!request) return kExitBadInput;
  std::string error;
  std::unique_ptr<vm::Machine> machine = loadImage(options.image);
  if (!machine) return kExitBadInput;
  vm::Hash programHash{};
  if (!options.snapshots.empty()) {
    if (!std::filesystem::is_directory(options.snapshots)) return reportError(options.snapshots + ": not a directory");
    programHash = machine->stateRoot();
  }
  machine->bindRequest(std::move(*request));
  auto start = std::chrono::steady_clock::now();
  uint64_t from = 0;
  std::string how = "from step 0";
  if (!options.snapshots.empty()) {
    std::filesystem::path snapshot =
        nearestSnapshot(options.snapshots, programHash, machine->requestRoot(), options.step, from);
    if (!snapshot.empty()) {
      auto bytes = readRegularFile(snapshot, uint64_t{8} << 30, error);
      if (!bytes || !vm::restoreSnapshot(*machine, programHash, *bytes, error))
        return reportError(snapshot.string() + ": " + error);
      how = "from the snapshot at step " + std::to_string(from) + " (" + snapshot.string() + ")";
    } else {
      how = "from step 0 (no snapshot at or before step " + std::to_string(options.step) + " in " +
            options.snapshots + ")";
    }
  }
  machine->setMemoryLimit(options.maxMemoryMiB << 20);
  std::unique_ptr<vm::DirectoryBlobStore> store;
  if (!attachStore(*machine, options.store, store)) return kExitBadInput;

  vm::StopReason reason = machine->run(options.step);
  double runSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (reason == vm::StopReason::MemoryLimit)
    return reportError("the run needs more than " + std::to_string(options.maxMemoryMiB) +
                       " MiB of guest memory before step " + std::to_string(options.step) + " (raise --max-memory)");
  if (reason == vm::StopReason::MissingData)
    return reportError("missing data: the run reads blob " + vm::toHex(vm::oracleRootArgument(machine->state().x)) +
                       " before step " + std::to_string(options.step) +
                       (options.store.empty() ? " (give --store DIR)" : ", which the store does not have"));
  // A run that ended before step N stays in its final state: that state is
  // the fixed point at every later step (SPEC §3.5), and its proof says so.
  const uint64_t reached = machine->state().steps;
  start = std::chrono::steady_clock::now();
  vm::ProveResult proved = vm::proveStep(*machine);
  double proveSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!proved.proof) return reportError("cannot prove step " + std::to_string(reached) + ": " + proved.error);
  std::vector<uint8_t> file = vm::encodeProof(*proved.proof);
  if (!replaceFile(options.output, file, error)) return reportError(error);
  std::string preRoot = vm::toHex(vm::keccak256(proved.proof->preState));
  std::string postRoot = vm::toHex(proved.postStateRoot);
  if (options.json) {
    JsonWriter json;
    json.beginObject()
        .field("step", options.step)
        .field("provedStep", reached)
        .field("kind", vm::stepKindName(proved.kind))
        .field("preStateRoot", preRoot)
        .field("postStateRoot", postRoot)
        .field("bytes", static_cast<uint64_t>(file.size()))
        .field("reachedFrom", from)
        .field("runSeconds", runSeconds)
        .field("proveSeconds", proveSeconds)
        .endObject();
    std::printf("%s\n", json.text().c_str());
  } else {
    if (reached != options.step)
      std::fprintf(stderr, "vcc: the run %s at step %" PRIu64 "; step %" PRIu64 " is its fixed point\n",
                   std::string(vm::runStatusName(machine->state().status)).c_str(), reached, options.step);
    std::fprintf(stderr, "vcc: reached step %" PRIu64 " %s in %.3f s, proved in %.3f s\n", reached, how.c_str(),
                 runSeconds, proveSeconds);
    std::printf("step %" PRIu64 " (%s): %zu bytes\npreStateRoot  %s\npostStateRoot %s\n", options.step,
                vm::stepKindName(proved.kind), file.size(), preRoot.c_str(), postRoot.c_str());
  }
  return kExitOk;
}

std::string stateSummary(const vm::StateFields& fields) {
  return "step " + std::to_string(fields.steps) + ", pc " + hex64(fields.pc) + ", " +
         std::string(fields.status <= 2 ? vm::runStatusName(static_cast<vm::RunStatus>(fields.status)) : "status?");
}

int verifyStepFile(const VerifyStepOptions& options) {
  std::string error;
  auto bytes = readBinary(options.proof, kMaxProofFileBytes + 1, error);
  if (!bytes) return reportError(error);
  std::optional<vm::StepProof> proof = vm::decodeProof(*bytes, error);
  if (!proof) return reportError(options.proof + ": " + error);
  vm::VerifyResult verified = vm::verifyStep(*proof);
  std::optional<vm::StateFields> pre = vm::unpackState(proof->preState);
  std::optional<vm::StateFields> post =
      verified.valid ? vm::unpackState(verified.postState) : std::optional<vm::StateFields>();
  if (options.json) {
    JsonWriter json;
    json.beginObject().field("valid", verified.valid);
    if (!verified.valid) json.field("error", verified.error);
    json.field("preStateRoot", vm::toHex(vm::keccak256(proof->preState)));
    if (verified.valid) json.field("postStateRoot", vm::toHex(verified.postStateRoot));
    if (pre) json.field("step", pre->steps);
    if (post) json.field("status", post->status <= 2 ? vm::runStatusName(static_cast<vm::RunStatus>(post->status))
                                                     : std::string_view("unknown"));
    json.endObject();
    std::printf("%s\n", json.text().c_str());
  } else if (verified.valid) {
    std::printf("preStateRoot  %s\npostStateRoot %s\n", vm::toHex(verified.preStateRoot).c_str(),
                vm::toHex(verified.postStateRoot).c_str());
    if (pre && post)
      std::fprintf(stderr, "vcc: valid: %s -> %s\n", stateSummary(*pre).c_str(), stateSummary(*post).c_str());
  }
  if (!verified.valid) {
    std::fprintf(stderr, "vcc: invalid proof: %s\n", verified.error.c_str());
    return kExitCheckFailed;
  }
  return kExitOk;
}

}  // namespace

void addVmProofCommands(CLI::App& vm, int& exitCode) {
  auto prove = std::make_shared<ProveOptions>();
  CLI::App* command = vm.add_subcommand("prove", "Write the one-step proof of step N -> N+1 of a run (docs/proofs.md)");
  command->add_option("image", prove->image, "RV64IM ELF image")->required()->check(NonEmptyPath);
  command->add_option("--input", prove->input, "Request bytes served on fd 0 (FILE)")->check(NonEmptyPath);
  command->add_option("--store", prove->store, "Data-oracle store directory (files named by data root)")
      ->check(NonEmptyPath);
  command->add_option("--snapshots", prove->snapshots,
                      "Directory of snapshots (vcc vm run --snapshot-every N --snapshot-dir DIR): start from the "
                      "nearest one at or before step N")
      ->check(NonEmptyPath);
  command->add_option("--step", prove->step, "The step to prove: the proof takes the state after N steps to N+1")
      ->required();
  command->add_option("-o,--output", prove->output, "The proof file to write")->required()->check(NonEmptyPath);
  command->add_option("--max-memory", prove->maxMemoryMiB, "Host memory for guest pages, MiB")
      ->check(MemoryMiB)
      ->capture_default_str();
  command->add_flag("--json", prove->json, "Print a JSON report on stdout");
  command->footer(
      "The run reaches step N with the interpreter, from the nearest snapshot given or from step 0. A run that\n"
      "exits or traps earlier is proved at its final state, which every later step leaves unchanged.\n"
      "Exit code: 0; 2 on bad input, a bad snapshot, a missing blob or the memory limit.");
  command->callback([prove, &exitCode] { exitCode = vcc::driver::prove(*prove); });

  auto verify = std::make_shared<VerifyStepOptions>();
  CLI::App* check = vm.add_subcommand("verify-step", "Replay one step from a proof file alone (docs/proofs.md)");
  check->add_option("proof", verify->proof, "Proof file written by vcc vm prove")->required()->check(NonEmptyPath);
  check->add_flag("--json", verify->json, "Print a JSON report on stdout");
  check->footer("Prints the pre- and post-state roots. Exit code: 0 valid; 1 invalid (with the reason); 2 malformed file.");
  check->callback([verify, &exitCode] { exitCode = verifyStepFile(*verify); });
}

}  // namespace vcc::driver
