// `vcc vm run IMAGE`: runs a static RV64IM image in the fraud-proof VM.
#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "file_io.hpp"
#include "json_writer.hpp"
#include "vcc/vm/elf_loader.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::driver {
namespace {

struct VmRunOptions {
  std::string image;
  std::string input;
  std::string output;
  uint64_t maxSteps = 10'000'000'000;
  bool stats = false;
  bool json = false;
};

constexpr uint64_t kMaxRequestBytes = uint64_t{256} << 20;
// Steps per slice of the run; between slices the command may print progress.
constexpr uint64_t kStepsPerSlice = 200'000'000;

std::string hex(uint64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%" PRIx64, value);
  return buffer;
}

std::string hexBytes(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text = "0x";
  text.reserve(2 + 2 * bytes.size());
  for (uint8_t byte : bytes) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 15];
  }
  return text;
}

int fail(const std::string& message) {
  std::fprintf(stderr, "vcc: error: %s\n", message.c_str());
  return kExitBadInput;
}

int runImage(const VmRunOptions& options) {
  if (options.json && options.output == "-")
    return fail("--json writes the report to stdout; give --output a file for the response");
  std::string error;
  auto elf = readBinary(options.image, vm::kMaxElfFileSize, error);
  if (!elf) return fail(error);
  std::vector<uint8_t> request;
  if (!options.input.empty()) {
    auto bytes = readBinary(options.input, kMaxRequestBytes, error);
    if (!bytes) return fail(error);
    request = std::move(*bytes);
  }

  auto machine = std::make_unique<vm::Machine>();
  vm::ElfLoadResult loaded = machine->load(*elf);
  if (!loaded.ok()) return fail(options.image + ": invalid image: " + loaded.error);
  machine->setRequest(std::move(request));

  const bool showProgress = !options.json && isatty(STDERR_FILENO);
  auto start = std::chrono::steady_clock::now();
  vm::StopReason reason;
  bool progressShown = false;
  for (;;) {
    uint64_t sliceEnd = std::min(options.maxSteps, machine->state().steps + kStepsPerSlice);
    reason = machine->run(sliceEnd);
    if (reason != vm::StopReason::StepLimit || sliceEnd == options.maxSteps) break;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (showProgress && elapsed > 2.0) {
      std::fprintf(stderr, "\rvcc: running, %" PRIu64 " steps (%.0f s)", machine->state().steps, elapsed);
      progressShown = true;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (progressShown) std::fputc('\n', stderr);

  const vm::MachineState& state = machine->state();
  std::span<const uint8_t> log = machine->debugLog();
  if (!log.empty()) {
    std::fwrite(log.data(), 1, log.size(), stderr);
    std::fflush(stderr);
  }
  bool responseInJson = options.json && options.output.empty();
  if (!responseInJson) {
    if (!writeBinary(options.output.empty() ? "-" : options.output, machine->response(), error))
      return fail(error);
  }

  double mips = seconds > 0 ? static_cast<double>(state.steps) / seconds / 1e6 : 0.0;
  const char* status = reason == vm::StopReason::StepLimit ? "out-of-steps"
                       : reason == vm::StopReason::Exited  ? "exited"
                                                           : "trapped";
  if (options.json) {
    JsonWriter json;
    json.beginObject()
        .field("status", status)
        .field("exitCode", state.exitCode)
        .field("steps", state.steps)
        .field("pc", hex(state.pc))
        .field("wallSeconds", seconds)
        .field("mips", mips);
    if (reason == vm::StopReason::Trapped) {
      json.beginObject("trap")
          .field("kind", vm::trapKindName(state.trap.kind))
          .field("pc", hex(state.trap.pc))
          .field("step", state.steps)
          .field("value", hex(state.trap.value))
          .endObject();
    }
    if (responseInJson) json.field("response", hexBytes(machine->response()));
    json.endObject();
    std::printf("%s\n", json.text().c_str());
  }
  if (reason == vm::StopReason::Trapped) {
    std::fprintf(stderr, "vcc: guest trapped: %s at pc %s, step %" PRIu64 " (value %s)\n",
                 std::string(vm::trapKindName(state.trap.kind)).c_str(), hex(state.trap.pc).c_str(),
                 state.steps, hex(state.trap.value).c_str());
  } else if (reason == vm::StopReason::StepLimit) {
    std::fprintf(stderr, "vcc: step limit reached: %" PRIu64 " steps, pc %s (raise --max-steps)\n",
                 state.steps, hex(state.pc).c_str());
  }
  if (options.stats && !options.json) {
    std::fprintf(stderr, "vcc: status %s, exit code %" PRIu64 ", %" PRIu64 " steps, %.3f s, %.1f MIPS\n",
                 status, state.exitCode, state.steps, seconds, mips);
  }
  switch (reason) {
  case vm::StopReason::Exited: return static_cast<int>(state.exitCode & 0xff);
  case vm::StopReason::Trapped: return kExitGuestTrapped;
  case vm::StopReason::StepLimit: return kExitStepLimit;
  }
  return kExitGuestTrapped;
}

}  // namespace

void addVmRunCommand(CLI::App& vm, int& exitCode) {
  auto options = std::make_shared<VmRunOptions>();
  CLI::App* run = vm.add_subcommand("run", "Run a static RV64IM ELF image in the fraud-proof VM");
  run->add_option("image", options->image, "RV64IM ELF image to run")->required();
  run->add_option("--input", options->input, "Request bytes served on fd 0 (FILE, or - for stdin)");
  run->add_option("--output", options->output,
                  "Where the response (fd 1) goes (FILE, or - for stdout; default stdout)");
  run->add_option("--max-steps", options->maxSteps,
                  "Stop after this many instructions (exit code 101)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  run->add_flag("--stats", options->stats, "Report steps, wall time, MIPS and the final status on stderr");
  run->add_flag("--json", options->json,
                "Print a JSON report on stdout (the response is included unless --output is given)");
  run->footer(
      "Exit code: the guest's exit code (low 8 bits); 100 if the guest trapped; 101 if the step "
      "limit was reached; 2 for bad usage or an invalid image. The debug log (fd 2) goes to stderr.");
  run->callback([options, &exitCode] { exitCode = runImage(*options); });
}

}  // namespace vcc::driver
