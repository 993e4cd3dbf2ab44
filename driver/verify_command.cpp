// `vcc verify-equiv DIR`: the native binary (every backend available here)
// and the RISC-V image (in vcc's VM, and in qemu-riscv64 with --oracle qemu)
// must give byte-identical responses to the same requests.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <sstream>
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
#include "toolchain/process.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {
namespace {

namespace fs = std::filesystem;

struct VerifyOptions {
  std::string directory;
  std::vector<std::string> calldataFiles;
  std::string corpus;
  unsigned fuzz = 0;
  unsigned fuzzTime = 0;  // seconds of coverage-guided fuzzing (0: none)
  uint64_t seed = 1;
  std::vector<std::string> backends;  // empty: every one available
  std::string oracle;
  std::string store;
  unsigned timeout = 600;
  uint64_t maxMemoryMiB = kDefaultMaxMemoryMiB;
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
  std::vector<std::vector<AbiType>> methodTypes;
  for (const ManifestMethod& method : manifest.methods) {
    std::optional<std::vector<AbiType>> types = signatureTypes(method.signature);
    if (!types) {
      error = "cannot fuzz " + method.signature + ": its parameter types are not understood";
      return false;
    }
    methodTypes.push_back(std::move(*types));
  }
  // The corpus's well-formed requests, decoded, for structural mutations:
  // what a method that validates its input accepts is most likely near them.
  struct Seed {
    size_t method;
    JsonValue values;
  };
  std::vector<Seed> seeds;
  for (const Request& request : requests) {
    if (request.bytes.size() < 4) continue;
    for (size_t m = 0; m < manifest.methods.size(); ++m) {
      if (!std::equal(manifest.methods[m].selector.begin(), manifest.methods[m].selector.end(), request.bytes.begin()))
        continue;
      std::vector<uint8_t> body(request.bytes.begin() + 4, request.bytes.end());
      std::optional<std::string> decoded = decodeToJson(methodTypes[m], body);
      std::string ignored;
      if (decoded)
        if (std::optional<JsonValue> values = JsonValue::parse(*decoded, ignored)) seeds.push_back({m, std::move(*values)});
    }
  }
  std::mt19937_64 random(options.seed);
  for (unsigned i = 0; i < options.fuzz && !manifest.methods.empty(); ++i) {
    // Every method in turn; a third of the calls mutate a corpus request of
    // that method when there is one.
    size_t m = i % manifest.methods.size();
    const ManifestMethod& method = manifest.methods[m];
    const std::vector<AbiType>& types = methodTypes[m];
    std::vector<const Seed*> ofMethod;
    for (const Seed& seed : seeds)
      if (seed.method == m) ofMethod.push_back(&seed);
    bool mutated = !ofMethod.empty() && random() % 3 == 0;
    std::string json = mutated ? mutateJsonArguments(types, ofMethod[random() % ofMethod.size()]->values, random)
                               : randomJsonArguments(types, random);
    std::optional<JsonValue> values = JsonValue::parse(json, error);
    std::optional<std::vector<uint8_t>> encoded = values ? encodeJsonArguments(types, *values, error) : std::nullopt;
    if (!encoded) {
      error = "fuzz arguments for " + method.signature + ": " + error;
      return false;
    }
    std::vector<uint8_t> bytes(method.selector.begin(), method.selector.end());
    bytes.insert(bytes.end(), encoded->begin(), encoded->end());
    std::string label = "fuzz #" + std::to_string(i) + " " + method.name + (mutated ? " (mutated corpus) " : "") +
                        json.substr(0, 120);
    if (i % 4 == 3 && !bytes.empty()) {  // a malformed variant: truncated, extended, or a flipped byte
      switch (random() % 3) {
      case 0: bytes.resize(random() % bytes.size()); label += " (truncated)"; break;
      case 1: bytes.push_back(static_cast<uint8_t>(random())); label += " (trailing byte)"; break;
      default: bytes[random() % bytes.size()] ^= static_cast<uint8_t>(1 + random() % 255); label += " (flipped byte)";
      }
    }
    requests.push_back({label, std::move(bytes)});
  }
  if (requests.empty() && options.fuzzTime == 0) {
    error = "no requests: give --calldata FILE, --corpus DIR, --fuzz N or --fuzz-time SECONDS";
    return false;
  }
  return true;
}

struct CoverageFuzzReport {
  bool ran = false;
  uint64_t executions = 0;
  size_t candidates = 0;
};

// Coverage-guided differential fuzzing with the build's in-process fuzzer
// (vcc build --fuzzer, runtime-native/src/fuzz_main.cpp), seeded with the
// requests collected so far. Every input it found diverging is appended to
// `requests`, to be confirmed by the ordinary comparison (fresh processes,
// every backend).
bool runCoverageFuzzer(const VerifyOptions& options, const BuildDirectory& build, std::vector<Request>& requests,
                       CoverageFuzzReport& report, std::string& error) {
  fs::path fuzzer = fuzzerPath(build.path, build.manifest.service);
  if (!fs::is_regular_file(fs::symlink_status(fuzzer))) {
    error = "--fuzz-time needs the in-process fuzzer " + fuzzer.string() + ": build with vcc build --fuzzer";
    return false;
  }
  std::optional<fs::path> work = makeDirectories(options.directory, {".vcc-work", "verify"}, error);
  if (!work) return false;
  std::optional<PrivateDirectory> scratch = PrivateDirectory::create(*work, error);
  if (!scratch) return false;
  fs::path corpus = scratch->path() / "fuzz-corpus", divergences = scratch->path() / "divergences";
  std::error_code fsError;
  fs::create_directory(corpus, fsError);
  fs::create_directory(divergences, fsError);
  if (fsError) {
    error = "cannot prepare " + scratch->path().string() + ": " + fsError.message();
    return false;
  }
  size_t maxLength = 4096;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (!writeNewFile(corpus / ("seed-" + std::to_string(i)), requests[i].bytes, error)) return false;
    maxLength = std::max(maxLength, std::min<size_t>(2 * requests[i].bytes.size(), size_t{1} << 20));
  }
  fs::path image = fs::absolute(fs::path(build.path) / build.manifest.vm.elf.file);
  std::vector<std::string> command{fuzzer.string(),
                                   "-max_total_time=" + std::to_string(options.fuzzTime),
                                   "-seed=" + std::to_string(options.seed % 4294967291u + 1),
                                   "-max_len=" + std::to_string(maxLength),
                                   "-handle_segv=0", "-handle_bus=0", "-handle_ill=0", "-handle_fpe=0",
                                   "-handle_abrt=0", "-handle_trap=0", "-print_final_stats=1",
                                   "-vcc_image=" + image.string(), "-vcc_divergences=" + fs::absolute(divergences).string(),
                                   fs::absolute(corpus).string()};
  if (!options.json)
    std::fprintf(stderr, "vcc: coverage-guided fuzzing for %u s (%s)\n", options.fuzzTime, fuzzer.filename().c_str());
  toolchain::SpawnOptions spawn;
  spawn.timeoutSeconds = options.fuzzTime + 600;
  toolchain::ProcessResult ran = toolchain::runProcess(command, scratch->path(), spawn);
  if (!ran.succeeded()) {
    error = "the fuzzer failed (" + ran.describeFailure() + "):\n" + ran.output.substr(0, 4000);
    return false;
  }
  report.ran = true;
  // libFuzzer's own report, for whoever wants the details.
  replaceFile(*work / "fuzzer.log", std::vector<uint8_t>(ran.output.begin(), ran.output.end()), error);
  std::istringstream lines(ran.output);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("stat::number_of_executed_units:"))
      report.executions = std::strtoull(line.substr(line.rfind(':') + 1).c_str(), nullptr, 10);
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(divergences, fsError))
    if (entry.is_regular_file()) found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  report.candidates = found.size();
  for (const fs::path& file : found) {
    auto bytes = readRegularFile(file, uint64_t{16} << 20, error);
    if (!bytes) return false;
    requests.push_back({"coverage fuzz " + file.filename().string(), std::move(*bytes)});
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
  runner.timeoutSeconds = options.timeout;
  runner.maxMemoryBytes = options.maxMemoryMiB << 20;
  std::optional<fs::path> work = makeDirectories(options.directory, {".vcc-work", "verify"}, error);
  if (!work) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    return kExitBadInput;
  }
  runner.workDir = work->string();
  CoverageFuzzReport coverage;
  if (options.fuzzTime != 0 && !runCoverageFuzzer(options, *build, requests, coverage, error)) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    return kExitBadInput;
  }
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

  // Requests per method (by selector; the rest have none that matches).
  std::vector<uint64_t> perMethod(build->manifest.methods.size() + 1, 0);
  for (const Request& request : requests) {
    size_t m = 0;
    for (; m < build->manifest.methods.size(); ++m)
      if (request.bytes.size() >= 4 && std::equal(build->manifest.methods[m].selector.begin(),
                                                  build->manifest.methods[m].selector.end(), request.bytes.begin()))
        break;
    ++perMethod[m];
  }

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
    json.beginArray("methods");
    for (size_t m = 0; m < build->manifest.methods.size(); ++m)
      json.beginObject()
          .field("signature", build->manifest.methods[m].signature)
          .field("requests", perMethod[m])
          .endObject();
    json.endArray();
    json.field("otherRequests", perMethod.back());
    if (coverage.ran)
      json.beginObject("coverageFuzzing")
          .field("seconds", static_cast<uint64_t>(options.fuzzTime))
          .field("executions", coverage.executions)
          .field("candidates", static_cast<uint64_t>(coverage.candidates))
          .endObject();
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
    if (coverage.ran)
      std::printf("coverage-guided fuzzing: %u s, %llu executions, %zu diverging inputs to confirm\n", options.fuzzTime,
                  static_cast<unsigned long long>(coverage.executions), coverage.candidates);
    for (size_t m = 0; m < build->manifest.methods.size(); ++m)
      std::printf("  %-40s %llu requests\n", build->manifest.methods[m].signature.c_str(),
                  static_cast<unsigned long long>(perMethod[m]));
    if (perMethod.back() != 0)
      std::printf("  %-40s %llu requests\n", "(no method's selector)", static_cast<unsigned long long>(perMethod.back()));
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
  verifyCommand->add_option("dir", options->directory, "Build directory written by vcc build")->required()->check(NonEmptyPath);
  verifyCommand->add_option("--calldata", options->calldataFiles, "Request files (raw bytes or 0x-hex text)");
  verifyCommand->add_option("--corpus", options->corpus, "Directory of request files")->check(CLI::ExistingDirectory);
  verifyCommand->add_option("--fuzz", options->fuzz, "Random calls generated from the method signatures");
  verifyCommand->add_option("--seed", options->seed, "Seed of --fuzz and --fuzz-time")->capture_default_str();
  verifyCommand->add_option("--fuzz-time", options->fuzzTime,
                            "Seconds of coverage-guided differential fuzzing (needs vcc build --fuzzer); the inputs "
                            "it finds diverging are then compared like the others");
  verifyCommand->add_option("--backends", options->backends, "Native backends to compare (default: all available)")
      ->delimiter(',');
  verifyCommand->add_option("--oracle", options->oracle, "Also run the image in qemu-riscv64")->check(CLI::IsMember({"qemu"}));
  verifyCommand->add_option("--store", options->store, "Data-oracle store directory")->check(CLI::ExistingDirectory);
  verifyCommand->add_option("--timeout", options->timeout,
                            "Seconds each native or qemu run may take before it is stopped; 0: no limit")
      ->capture_default_str();
  verifyCommand->add_option("--max-memory", options->maxMemoryMiB,
                            "MiB of guest memory the VM may allocate per request; a run that needs more stops (exit 102)")
      ->capture_default_str()
      ->check(MemoryMiB);
  verifyCommand->add_flag("--json", options->json, "Print a JSON report");
  verifyCommand->footer("Exit code: 0 when every target gives the same bytes; 1 on any mismatch; 2 on bad input.");
  verifyCommand->callback([options, &exitCode] { exitCode = verify(*options); });
}

}  // namespace vcc::driver
