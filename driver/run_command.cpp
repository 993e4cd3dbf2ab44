// `vcc run DIR`: one request against a build, natively or in the VM.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "abi_values.hpp"
#include "build_directory.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "file_io.hpp"
#include "json_writer.hpp"
#include "request_input.hpp"
#include "service_runner.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {
namespace {

struct RunOptions {
  std::string directory;
  std::string method;
  std::string args;
  std::string calldata;
  std::string target = "native";
  std::string backend = "threads";
  unsigned threads = 0;
  RunnerOptions limits;  // --timeout, --max-steps, --max-memory
  bool raw = false;
  bool json = false;
};

// Shows a response: the decoded return value, or a decoding error's message.
std::string describeResponse(const std::vector<uint8_t>& response, const ManifestMethod* method) {
  if (response.size() >= 4 && response[0] == 0x08 && response[1] == 0xc3 && response[2] == 0x79 && response[3] == 0xa0) {
    std::vector<uint8_t> body(response.begin() + 4, response.end());
    std::optional<std::string> message = decodeToJson({*parseAbiType("string")}, body);
    return "error " + (message ? message->substr(1, message->size() - 2) : vm::toHex(response));
  }
  if (method == nullptr) return vm::toHex(response);
  if (method->returns.empty()) return response.empty() ? "(no value)" : vm::toHex(response);
  std::optional<AbiType> type = parseAbiType(method->returns);
  std::optional<std::string> value = type ? decodeToJson({*type}, response) : std::nullopt;
  return value ? value->substr(1, value->size() - 2) : vm::toHex(response);
}

int runRequest(const RunOptions& options) {
  int exitCode = kExitOk;
  std::optional<BuildDirectory> build = openBuildDirectory(options.directory, exitCode);
  if (!build) return exitCode;
  std::string error;
  std::optional<ManifestMethod> method;
  std::vector<uint8_t> request;
  if (!makeRequest(build->manifest, options.method, options.args, options.calldata, method, request, error)) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    return kExitBadInput;
  }
  RunnerOptions runner = options.limits;
  std::optional<std::filesystem::path> work = makeDirectories(options.directory, {".vcc-work", "run"}, error);
  if (!work) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    return kExitBadInput;
  }
  runner.workDir = work->string();
  if (options.target != "vm" && options.backend == "cuda") {
    // The binary would fall back to threads for a backend it cannot offer
    // (threads and serial it always has); the report would then name a
    // backend that did not run.
    std::vector<std::string> available = nativeBackends(*build, runner);
    if (std::find(available.begin(), available.end(), options.backend) == available.end()) {
      std::fprintf(stderr, "vcc: error: --backend cuda is not available here (no cuda backend in this build, or no "
                           "CUDA device)\n");
      return kExitBadInput;
    }
  }
  RunResult result = options.target == "vm" ? runVm(*build, request, runner)
                                            : runNative(*build, options.backend, options.threads, request, runner);
  // A native run that did not exit normally (a trap is exit 100 there too)
  // is reported like the VM's: the exit code, no response.
  if (!result.ok) std::fprintf(stderr, "vcc: %s\n", result.failure.c_str());
  if (!result.ok && result.exitCode <= 0) result.exitCode = kExitBadInput;
  const ManifestMethod* described = method ? &*method : nullptr;
  if (options.json) {
    JsonWriter json;
    json.beginObject().field("target", options.target);
    if (options.target != "vm") json.field("backend", options.backend);
    json.field("exitCode", static_cast<uint64_t>(result.exitCode));
    if (options.target == "vm") json.field("steps", result.steps);
    if (described) json.field("method", described->signature);
    json.field("response", vm::toHex(result.response)).field("result", describeResponse(result.response, described));
    json.endObject();
    std::printf("%s\n", json.text().c_str());
  } else if (options.raw) {
    if (!writeBinary("-", result.response, error)) return kExitBadInput;
  } else {
    std::printf("%s\n", describeResponse(result.response, described).c_str());
  }
  return result.exitCode;
}

}  // namespace

void addRunCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* run = app.add_subcommand("run", "Run one request against a build, natively or in the VM");
  run->add_option("dir", options->directory, "Build directory written by vcc build")->required()->check(NonEmptyPath);
  run->add_option("--method", options->method, "Method name or signature (with --args)");
  run->add_option("--args", options->args, "Arguments as a JSON array, e.g. '[2, \"0x…\", \"0x…\"]'");
  run->add_option("--calldata", options->calldata, "The whole request: 0x-hex, or @FILE (raw bytes, or 0x-hex text)");
  run->add_option("--target", options->target, "native or vm")->check(CLI::IsMember({"native", "vm"}))->capture_default_str();
  run->add_option("--backend", options->backend, "Native backend: cuda, threads or serial")
      ->check(CLI::IsMember({"cuda", "threads", "serial"}))
      ->capture_default_str();
  run->add_option("--threads", options->threads, "Threads of the threads backend (default: one per core)");
  run->add_option("--store", options->limits.store, "Data-oracle store directory")->check(CLI::ExistingDirectory);
  addRunLimitOptions(*run, options->limits);
  run->add_flag("--raw", options->raw, "Write the response bytes to stdout instead of the decoded value");
  run->add_flag("--json", options->json, "Print a JSON report");
  run->footer("Give --method with --args, or --calldata (with --method too: the calldata must be that method's). Exit code: the program's own (0 normally; 100 on a trap; "
              "for the VM 101 at the step limit and 102 at the memory limit; natively 103 at --timeout); 1 or 2 "
              "when the build directory or the request is bad.");
  run->callback([options, &exitCode] { exitCode = runRequest(*options); });
}

}  // namespace vcc::driver
