// `vcc verify-equiv DIR`: the native binary (every backend available here)
// and the RISC-V image (in vcc's VM, and in qemu-riscv64 with --oracle qemu)
// must give byte-identical responses to the same requests.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "abi_values.hpp"
#include "build_directory.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "file_io.hpp"
#include "json_value.hpp"
#include "json_writer.hpp"
#include "request_input.hpp"
#include "service_runner.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {
namespace {

namespace fs = std::filesystem;

struct VerifyOptions {
  std::string directory;
  std::vector<std::string> calldataFiles;
  std::string corpus;
  unsigned fuzz = 0;
  uint64_t seed = 1;
  std::vector<std::string> backends;  // empty: every one available
  std::string oracle;
  std::string store;
  bool json = false;
};

struct Request {
  std::string label;
  std::vector<uint8_t> bytes;
};

struct Mismatch {
  std::string request;
  std::string left, right;
  std::string detail;
};

std::string firstDifference(const RunResult& a, const RunResult& b) {
  if (a.ok != b.ok || a.exitCode != b.exitCode)
    return "exit " + std::to_string(a.exitCode) + (a.ok ? "" : " (" + a.failure + ")") + " vs exit " +
           std::to_string(b.exitCode) + (b.ok ? "" : " (" + b.failure + ")");
  size_t common = std::min(a.response.size(), b.response.size());
  for (size_t i = 0; i < common; ++i) {
    if (a.response[i] != b.response[i]) {
      char text[96];
      std::snprintf(text, sizeof text, "first difference at byte %zu: 0x%02x vs 0x%02x", i, a.response[i], b.response[i]);
      return text;
    }
  }
  if (a.response.size() != b.response.size())
    return "responses of " + std::to_string(a.response.size()) + " and " + std::to_string(b.response.size()) +
           " bytes (equal up to the shorter)";
  return {};
}

// Requests from the options: files, a corpus directory, and fuzzed calls
// (random arguments per method, and mutations of them that must fail to
// decode the same way on every target).
bool collectRequests(const VerifyOptions& options, const Manifest& manifest, std::vector<Request>& requests,
                     std::string& error) {
  auto addFile = [&](const std::string& path) {
    auto bytes = readBinary(path, uint64_t{256} << 20, error);
    if (!bytes) return false;
    std::string text(bytes->begin(), bytes->end());
    if (text.starts_with("0x"))
      if (std::optional<std::vector<uint8_t>> hex = parseHexBytes(text)) bytes = std::move(*hex);
    requests.push_back({path, std::move(*bytes)});
    return true;
  };
  for (const std::string& file : options.calldataFiles)
    if (!addFile(file)) return false;
  if (!options.corpus.empty()) {
    std::error_code fsError;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(options.corpus, fsError))
      if (entry.is_regular_file()) files.push_back(entry.path());
    if (fsError) {
      error = options.corpus + ": " + fsError.message();
      return false;
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files)
      if (!addFile(file.string())) return false;
  }
  std::mt19937_64 random(options.seed);
  for (unsigned i = 0; i < options.fuzz && !manifest.methods.empty(); ++i) {
    const ManifestMethod& method = manifest.methods[i % manifest.methods.size()];
    std::optional<std::vector<AbiType>> types = signatureTypes(method.signature);
    if (!types) continue;
    std::string json = randomJsonArguments(*types, random);
    std::optional<JsonValue> values = JsonValue::parse(json, error);
    std::optional<std::vector<uint8_t>> encoded = values ? encodeJsonArguments(*types, *values, error) : std::nullopt;
    if (!encoded) {
      error = "fuzz arguments for " + method.signature + ": " + error;
      return false;
    }
    std::vector<uint8_t> bytes(method.selector.begin(), method.selector.end());
    bytes.insert(bytes.end(), encoded->begin(), encoded->end());
    std::string label = "fuzz #" + std::to_string(i) + " " + method.name + json.substr(0, 120);
    if (i % 4 == 3 && !bytes.empty()) {  // a malformed variant: truncated, extended, or a flipped byte
      switch (random() % 3) {
      case 0: bytes.resize(random() % bytes.size()); label += " (truncated)"; break;
      case 1: bytes.push_back(static_cast<uint8_t>(random())); label += " (trailing byte)"; break;
      default: bytes[random() % bytes.size()] ^= static_cast<uint8_t>(1 + random() % 255); label += " (flipped byte)";
      }
    }
    requests.push_back({label, std::move(bytes)});
  }
  if (requests.empty()) {
    error = "no requests: give --calldata FILE, --corpus DIR or --fuzz N";
    return false;
  }
  return true;
}

int verify(const VerifyOptions& options) {
  int exitCode = kExitOk;
  std::optional<BuildDirectory> build = openBuildDirectory(options.directory, exitCode);
  if (!build) return exitCode;
  std::string error;
  std::vector<Request> requests;
  if (!collectRequests(options, build->manifest, requests, error)) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    return kExitBadInput;
  }
  RunnerOptions runner;
  runner.store = options.store;
  fs::path work = fs::path(options.directory) / ".vcc-work" / "verify";
  fs::create_directories(work);
  runner.workDir = work.string();
  std::vector<std::string> backends = options.backends;
  if (backends.empty()) backends = nativeBackends(*build, runner);
  if (backends.empty()) {
    std::fprintf(stderr, "vcc: error: %s does not run (--list-backends failed)\n", build->nativePath.c_str());
    return kExitBadInput;
  }

  // A binary built with nvcc offers cuda only where a device is present.
  const bool cudaBuilt = build->manifest.native.cudaArchitectures.has_value();
  const bool cudaCompared = std::find(backends.begin(), backends.end(), "cuda") != backends.end();
  const char* cudaStatus = cudaCompared         ? "compared"
                           : !cudaBuilt         ? "not built"
                           : options.backends.empty() ? "no device"
                                                      : "not requested";
  if (cudaBuilt && !cudaCompared && options.backends.empty() && !options.json)
    std::fprintf(stderr, "vcc: note: %s has the cuda backend, but there is no CUDA device here: not compared\n",
                 build->nativePath.c_str());

  std::vector<Mismatch> mismatches;
  size_t vmFailures = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    const Request& request = requests[i];
    RunResult reference = runVm(*build, request.bytes, runner);
    if (!reference.ok) ++vmFailures;
    std::vector<std::pair<std::string, RunResult>> others;
    for (const std::string& backend : backends) others.emplace_back("native/" + backend, runNative(*build, backend, 0, request.bytes, runner));
    if (options.oracle == "qemu") others.emplace_back("qemu", runQemu(*build, request.bytes, runner));
    for (const auto& [name, result] : others) {
      std::string difference = firstDifference(reference, result);
      if (!difference.empty()) mismatches.push_back({request.label, "vm", name, difference});
    }
    if (!options.json && (i + 1) % 25 == 0)
      std::fprintf(stderr, "vcc: verified %zu/%zu requests, %zu mismatches\n", i + 1, requests.size(), mismatches.size());
  }

  std::string targets = "vm";
  for (const std::string& backend : backends) targets += ", native/" + backend;
  if (options.oracle == "qemu") targets += ", qemu";
  if (options.json) {
    JsonWriter json;
    json.beginObject()
        .field("equivalent", mismatches.empty())
        .field("requests", static_cast<uint64_t>(requests.size()))
        .field("targets", targets)
        .field("cudaBackend", cudaStatus)
        .field("vmFailures", static_cast<uint64_t>(vmFailures));
    json.beginArray("mismatches");
    for (const Mismatch& mismatch : mismatches)
      json.beginObject()
          .field("request", mismatch.request)
          .field("left", mismatch.left)
          .field("right", mismatch.right)
          .field("difference", mismatch.detail)
          .endObject();
    json.endArray().endObject();
    std::printf("%s\n", json.text().c_str());
  } else {
    for (const Mismatch& mismatch : mismatches)
      std::printf("MISMATCH %s: %s vs %s: %s\n", mismatch.request.c_str(), mismatch.left.c_str(), mismatch.right.c_str(),
                  mismatch.detail.c_str());
    std::printf("verify-equiv: %zu requests on %s: %s\n", requests.size(), targets.c_str(),
                mismatches.empty() ? "all byte-identical" : (std::to_string(mismatches.size()) + " mismatches").c_str());
  }
  return mismatches.empty() ? kExitOk : kExitCheckFailed;
}

}  // namespace

void addVerifyCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* verifyCommand =
      app.add_subcommand("verify-equiv", "Check that native and VM responses are byte-identical");
  verifyCommand->add_option("dir", options->directory, "Build directory written by vcc build")->required();
  verifyCommand->add_option("--calldata", options->calldataFiles, "Request files (raw bytes or 0x-hex text)");
  verifyCommand->add_option("--corpus", options->corpus, "Directory of request files");
  verifyCommand->add_option("--fuzz", options->fuzz, "Random calls generated from the method signatures");
  verifyCommand->add_option("--seed", options->seed, "Seed of --fuzz")->capture_default_str();
  verifyCommand->add_option("--backends", options->backends, "Native backends to compare (default: all available)")
      ->delimiter(',');
  verifyCommand->add_option("--oracle", options->oracle, "Also run the image in qemu-riscv64")->check(CLI::IsMember({"qemu"}));
  verifyCommand->add_option("--store", options->store, "Data-oracle store directory");
  verifyCommand->add_flag("--json", options->json, "Print a JSON report");
  verifyCommand->footer("Exit code: 0 when every target gives the same bytes; 1 on any mismatch; 2 on bad input.");
  verifyCommand->callback([options, &exitCode] { exitCode = verify(*options); });
}

}  // namespace vcc::driver
