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
  uint64_t fuzz = 0;
  unsigned fuzzTime = 0;  // seconds of coverage-guided fuzzing (0: none)
  uint64_t seed = 1;
  std::vector<std::string> backends;  // empty: every one available
  std::string oracle;
  RunnerOptions limits;  // --store, --timeout, --max-steps, --max-memory
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

// Requests from files and a corpus directory, read up front (each file at
// most 256 MiB).
bool collectFileRequests(const VerifyOptions& options, std::vector<Request>& requests, std::string& error) {
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
  return true;
}

// The index of the method whose selector starts `bytes`; methods.size()
// when none does.
size_t methodIndexOf(const Manifest& manifest, const std::vector<uint8_t>& bytes) {
  size_t m = 0;
  for (; m < manifest.methods.size(); ++m)
    if (bytes.size() >= 4 && std::equal(manifest.methods[m].selector.begin(), manifest.methods[m].selector.end(),
                                        bytes.begin()))
      break;
  return m;
}

// Fuzzed calls, made one at a time (--fuzz may ask for billions): random
// arguments per method, structural mutations of the corpus's well-formed
// requests, and malformed variants that must fail to decode the same way
// on every target.
class FuzzedRequests {
public:
  // Fails (with `error`) when a method's parameter types are not understood.
  bool prepare(const Manifest& manifest, const std::vector<Request>& corpus, uint64_t seed, const std::string& store,
               std::string& error) {
    manifest_ = &manifest;
    random_.seed(seed);
    // The blobs a --store holds, by data root: values for bytes32 arguments.
    std::error_code listError;
    if (!store.empty())
      for (const auto& entry : fs::directory_iterator(store, listError)) {
        std::string name = entry.path().filename().string();
        if (name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos)
          storeRoots_.push_back("0x" + name);
      }
    std::sort(storeRoots_.begin(), storeRoots_.end());
    for (const ManifestMethod& method : manifest.methods) {
      std::optional<std::vector<AbiType>> types = signatureTypes(method.signature);
      if (!types) {
        error = "cannot fuzz " + method.signature + ": its parameter types are not understood";
        return false;
      }
      methodTypes_.push_back(std::move(*types));
    }
    // What a method that validates its input accepts is most likely near
    // the corpus's well-formed requests: decode them for mutation.
    seeds_.resize(manifest.methods.size());
    for (const Request& request : corpus) {
      size_t m = methodIndexOf(manifest, request.bytes);
      if (m == manifest.methods.size()) continue;
      std::vector<uint8_t> body(request.bytes.begin() + 4, request.bytes.end());
      std::optional<std::string> decoded = decodeToJson(methodTypes_[m], body);
      std::string ignored;
      if (decoded)
        if (std::optional<JsonValue> values = JsonValue::parse(*decoded, ignored)) seeds_[m].push_back(std::move(*values));
    }
    return true;
  }

  // Request number i (calls come in order 0, 1, 2, ...); every method in
  // turn, a third of them mutating a corpus request of that method when
  // there is one, every fourth one malformed.
  std::optional<Request> make(uint64_t i, std::string& error) {
    size_t m = i % manifest_->methods.size();
    const ManifestMethod& method = manifest_->methods[m];
    const std::vector<AbiType>& types = methodTypes_[m];
    bool mutated = !seeds_[m].empty() && random_() % 3 == 0;
    std::string json = mutated ? mutateJsonArguments(types, seeds_[m][random_() % seeds_[m].size()], random_, storeRoots_)
                               : randomJsonArguments(types, random_, storeRoots_);
    std::optional<JsonValue> values = JsonValue::parse(json, error);
    std::optional<std::vector<uint8_t>> encoded = values ? encodeJsonArguments(types, *values, error) : std::nullopt;
    if (!encoded) {
      error = "fuzz arguments for " + method.signature + ": " + error;
      return std::nullopt;
    }
    std::vector<uint8_t> bytes(method.selector.begin(), method.selector.end());
    bytes.insert(bytes.end(), encoded->begin(), encoded->end());
    std::string label = "fuzz #" + std::to_string(i) + " " + method.name + (mutated ? " (mutated corpus) " : "") +
                        json.substr(0, 120);
    if (i % 4 == 3 && !bytes.empty()) {  // a malformed variant: truncated, extended, or a flipped byte
      switch (random_() % 3) {
      case 0: bytes.resize(random_() % bytes.size()); label += " (truncated)"; break;
      case 1: bytes.push_back(static_cast<uint8_t>(random_())); label += " (trailing byte)"; break;
      default: bytes[random_() % bytes.size()] ^= static_cast<uint8_t>(1 + random_() % 255); label += " (flipped byte)";
      }
    }
    return Request{std::move(label), std::move(bytes)};
  }

private:
  const Manifest* manifest_ = nullptr;
  std::vector<std::vector<AbiType>> methodTypes_;
  std::vector<std::vector<JsonValue>> seeds_;  // per method
  std::vector<std::string> storeRoots_;
  std::mt19937_64 random_;
};

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
bool runCoverageFuzzer(const VerifyOptions& options, const BuildDirectory& build, const fs::path& work,
                       const std::vector<Request>& seeds, std::vector<Request>& requests, CoverageFuzzReport& report,
                       std::string& error) {
  fs::path fuzzer = fuzzerPath(build.path, build.manifest.service);
  if (!fs::is_regular_file(fs::symlink_status(fuzzer))) {
    error = "--fuzz-time needs the in-process fuzzer " + fuzzer.string() + ": build with vcc build --fuzzer";
    return false;
  }
  std::optional<PrivateDirectory> scratch = PrivateDirectory::create(work, error);
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
  for (size_t i = 0; i < seeds.size(); ++i) {
    if (!writeNewFile(corpus / ("seed-" + std::to_string(i)), seeds[i].bytes, error)) return false;
    maxLength = std::max(maxLength, std::min<size_t>(2 * seeds[i].bytes.size(), size_t{1} << 20));
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
  if (fs::path dictionary = fuzzerDictionaryPath(fuzzer); fs::is_regular_file(dictionary))
    command.insert(command.begin() + 1, "-dict=" + fs::absolute(dictionary).string());
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
  replaceFile(work / "fuzzer.log", std::vector<uint8_t>(ran.output.begin(), ran.output.end()), error);
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
    // Named with the method the input calls, when its selector is one.
    size_t m = methodIndexOf(build.manifest, *bytes);
    std::string method = m < build.manifest.methods.size() ? " " + build.manifest.methods[m].signature : "";
    requests.push_back({"coverage fuzz " + file.filename().string() + method, std::move(*bytes)});
  }
  return true;
}

int verify(const VerifyOptions& options) {
  int exitCode = kExitOk;
  std::optional<BuildDirectory> build = openBuildDirectory(options.directory, exitCode);
  if (!build) return exitCode;
  std::string error;
  std::vector<Request> requests;  // files and corpus first, then what coverage fuzzing found
  FuzzedRequests fuzzed;
  if (!collectFileRequests(options, requests, error) ||
      (options.fuzz != 0 && !build->manifest.methods.empty() && !fuzzed.prepare(build->manifest, requests, options.seed, options.limits.store, error))) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    return kExitBadInput;
  }
  const uint64_t fuzzCount = build->manifest.methods.empty() ? 0 : options.fuzz;
  if (requests.empty() && fuzzCount == 0 && options.fuzzTime == 0) {
    std::fprintf(stderr, "vcc: error: no requests: give --calldata FILE, --corpus DIR, --fuzz N or --fuzz-time SECONDS\n");
    return kExitBadInput;
  }
  RunnerOptions runner = options.limits;
  std::optional<fs::path> work = makeDirectories(options.directory, {".vcc-work", "verify"}, error);
  if (!work) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    return kExitBadInput;
  }
  runner.workDir = work->string();
  // The backends compared are ones the binary offers here: a requested
  // backend it does not offer (cuda without a device) is an error, never a
  // silent fallback reported as compared.
  std::vector<std::string> available = nativeBackends(*build, runner);
  if (available.empty()) {
    std::fprintf(stderr, "vcc: error: %s does not run (--list-backends failed)\n", build->nativePath.c_str());
    return kExitBadInput;
  }
  std::vector<std::string> backends = options.backends.empty() ? available : options.backends;
  for (const std::string& backend : backends) {
    if (std::find(available.begin(), available.end(), backend) == available.end()) {
      std::string offered;
      for (const std::string& name : available) offered += (offered.empty() ? "" : ", ") + name;
      std::fprintf(stderr, "vcc: error: --backends %s: %s offers only %s here%s\n", backend.c_str(),
                   build->nativePath.c_str(), offered.c_str(),
                   backend == "cuda" ? " (no cuda backend, or no CUDA device)" : "");
      return kExitBadInput;
    }
  }

  CoverageFuzzReport coverage;
  size_t fileRequests = requests.size();
  if (options.fuzzTime != 0) {
    // Seeds: the files and the first fuzzed calls (the same ones as below).
    std::vector<Request> seeds = requests;
    FuzzedRequests seedCalls;
    if (fuzzCount != 0 && seedCalls.prepare(build->manifest, requests, options.seed, options.limits.store, error))
      for (uint64_t i = 0; i < std::min<uint64_t>(fuzzCount, 256); ++i)
        if (std::optional<Request> call = seedCalls.make(i, error)) seeds.push_back(std::move(*call));
    if (!runCoverageFuzzer(options, *build, *work, seeds, requests, coverage, error)) {
      std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
      return kExitBadInput;
    }
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
  auto countMethod = [&](const Request& request) { ++perMethod[methodIndexOf(build->manifest, request.bytes)]; };

  // Mismatches kept for the report; beyond the cap they are only counted.
  constexpr size_t kMaxReportedMismatches = 1000;
  std::vector<Mismatch> mismatches;
  uint64_t mismatchCount = 0;
  size_t vmFailures = 0;
  // Pairs not compared because a run stopped at a host limit (steps, memory,
  // time): reported, never counted as equal.
  constexpr size_t kMaxReportedInconclusive = 100;
  std::vector<Mismatch> inconclusive;
  uint64_t inconclusiveCount = 0;
  uint64_t missingDataCount = 0;  // requests that named a blob the store lacks
  auto compare = [&](const Request& request) {
    countMethod(request);
    RunResult reference = runVm(*build, request.bytes, runner);
    if (!reference.ok) ++vmFailures;
    auto hostLimited = [&](const std::string& name, const RunResult& result) {
      ++inconclusiveCount;
      if (inconclusive.size() < kMaxReportedInconclusive) inconclusive.push_back({request.label, name, "", result.failure});
    };
    // A blob the store lacks stops every target before the read, without a
    // response: one outcome, which the targets must agree on (a fuzzed data
    // root names no blob). qemu has no data oracle to ask.
    const bool vmMissingData = reference.hostLimit && reference.exitCode == kExitMissingData;
    if (vmMissingData) ++missingDataCount;
    if (reference.hostLimit && !vmMissingData) {
      hostLimited("vm", reference);
      return;
    }
    std::vector<std::pair<std::string, RunResult>> others;
    for (const std::string& backend : backends) others.emplace_back("native/" + backend, runNative(*build, backend, 0, request.bytes, runner));
    if (options.oracle == "qemu" && !vmMissingData) others.emplace_back("qemu", runQemu(*build, request.bytes, runner));
    for (const auto& [name, result] : others) {
      if (vmMissingData && result.exitCode == kExitMissingData) continue;
      if (result.hostLimit) {
        hostLimited(name, result);
        continue;
      }
      std::string difference = firstDifference(reference, result);
      if (difference.empty()) continue;
      ++mismatchCount;
      if (mismatches.size() < kMaxReportedMismatches) mismatches.push_back({request.label, "vm", name, difference});
    }
  };
  // Files and corpus, the fuzzed calls (made as they are run), then what
  // coverage-guided fuzzing found.
  const uint64_t total = requests.size() + fuzzCount;
  uint64_t done = 0;
  auto progressLine = [&] {
    if (!options.json && ++done % 25 == 0)
      std::fprintf(stderr, "vcc: verified %llu/%llu requests, %llu mismatches\n", static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total), static_cast<unsigned long long>(mismatchCount));
  };
  for (size_t i = 0; i < fileRequests; ++i) {
    compare(requests[i]);
    progressLine();
  }
  for (uint64_t i = 0; i < fuzzCount; ++i) {
    std::optional<Request> request = fuzzed.make(i, error);
    if (!request) {
      std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
      return kExitBadInput;
    }
    compare(*request);
    progressLine();
  }
  for (size_t i = fileRequests; i < requests.size(); ++i) {
    compare(requests[i]);
    progressLine();
  }

  std::string targets = "vm";
  for (const std::string& backend : backends) targets += ", native/" + backend;
  if (options.oracle == "qemu") targets += ", qemu";
  if (options.json) {
    JsonWriter json;
    json.beginObject()
        .field("equivalent", mismatchCount == 0 && inconclusiveCount == 0)
        .field("requests", total)
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
    json.field("missingData", missingDataCount);
    json.field("inconclusiveCount", inconclusiveCount);
    json.beginArray("inconclusive");
    for (const Mismatch& stopped : inconclusive)
      json.beginObject().field("request", stopped.request).field("target", stopped.left).field("reason", stopped.detail).endObject();
    json.endArray();
    json.field("mismatchCount", mismatchCount);
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
    for (const Mismatch& stopped : inconclusive)
      std::printf("NOT COMPARED %s: %s stopped at a host limit: %s\n", stopped.request.c_str(), stopped.left.c_str(),
                  stopped.detail.c_str());
    if (mismatchCount > mismatches.size())
      std::printf("(%llu more mismatches not listed)\n", static_cast<unsigned long long>(mismatchCount - mismatches.size()));
    std::printf("verify-equiv: %llu requests on %s: %s\n", static_cast<unsigned long long>(total), targets.c_str(),
                mismatchCount != 0       ? (std::to_string(mismatchCount) + " mismatches").c_str()
                : inconclusiveCount != 0 ? "no mismatch, but not every run was compared"
                                         : "all byte-identical");
    if (missingDataCount != 0)
      std::printf("verify-equiv: %llu of them named a blob the store lacks and stopped with missing data on every "
                  "target (no response)%s\n",
                  static_cast<unsigned long long>(missingDataCount),
                  runner.store.empty() ? ": give the data with --store DIR" : "");
  }
  if (mismatchCount != 0) return kExitCheckFailed;
  if (inconclusiveCount != 0) {
    std::fprintf(stderr,
                 "vcc: error: %llu runs stopped at a host limit and were not compared (raise --max-steps, "
                 "--max-memory, --timeout or ulimit -v)\n",
                 static_cast<unsigned long long>(inconclusiveCount));
    return kExitBadInput;
  }
  return kExitOk;
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
      ->delimiter(',')
      ->check(CLI::IsMember({"cuda", "threads", "serial"}));
  verifyCommand->add_option("--oracle", options->oracle, "Also run the image in qemu-riscv64")->check(CLI::IsMember({"qemu"}));
  verifyCommand->add_option("--store", options->limits.store, "Data-oracle store directory")
      ->check(CLI::ExistingDirectory);
  addRunLimitOptions(*verifyCommand, options->limits);
  verifyCommand->add_flag("--json", options->json, "Print a JSON report");
  verifyCommand->footer("Exit code: 0 when every target gives the same bytes; 1 on any mismatch; 2 on bad input, or "
                        "when a run stopped at a host limit (steps, memory, time) so that a request was not compared.");
  verifyCommand->callback([options, &exitCode] { exitCode = verify(*options); });
}

}  // namespace vcc::driver
