// The in-process differential fuzzer of `vcc verify-equiv --fuzz-time`
// (docs/cli.md): the service compiled with libFuzzer's coverage
// instrumentation (`vcc build --fuzzer`), linked with this file and
// libFuzzer. For every input libFuzzer makes, the service runs natively in
// this process and the image runs in the VM (vcc::vm, also in this
// process); a difference in outcome or response bytes writes the input to
// the divergence directory. libFuzzer keeps the inputs that reach new code
// of the native service, so the search goes where the code branches.
//
// Native runs are in-process: traps come back through trapRecovery, the
// service heap restarts for every input, and no backend is installed
// (kernels run in order). verify-equiv re-runs every input written here
// through the real binary and the VM before it reports a mismatch.
//
// Flags after libFuzzer's (it warns about them and ignores them):
//   -vcc_image=PATH        the service's RISC-V image (required)
//   -vcc_divergences=DIR   where diverging inputs go (required)
//   -vcc_max_steps=N       VM step limit per input (default 2e9)
//
// With libFuzzer's -dict=FILE (vcc build --fuzzer writes one: the
// constants the service compares its input with), one mutation in four
// writes a dictionary entry where the ABI puts values: at the start of a
// 32-byte word after the selector (bytes, strings) or at its end (numbers,
// big-endian). libFuzzer's own dictionary mutation picks any offset, so an
// entry lands in the right place of a request of n bytes once in n tries.
#include "service_allocator.hpp"
#include "vcc/detail/request_reader.hpp"
#include "vcc/native/traps.hpp"
#include "vcc/program.hpp"
#include "vcc/vm/keccak.hpp"
#include "vcc/vm/machine.hpp"

#include <algorithm>
#include <chrono>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <new>
#include <set>
#include <string>
#include <string_view>
#include <vector>

extern "C" const int vcc_fuzzing_in_process = 1;
// The counted stack of this thread (vcc-stack-budget; trap_handler.cpp).
extern "C" thread_local uint64_t __vcc_stack_used;

namespace {

using namespace vcc::native;

std::vector<uint8_t> image;
std::string divergenceDir;
uint64_t maxSteps = 2'000'000'000;
std::chrono::steady_clock::time_point startTime;
uint64_t inputs = 0;
std::vector<std::string> dictionary;

struct Outcome {
  int code = 0;  // 0, the exit code, 100 for a trap, 101 at the VM's step limit
  std::vector<uint8_t> response;
};

void outOfMemory() { trapOutcome(kExitOutOfMemory); }

Outcome runNative(const uint8_t* data, size_t size) {
  Outcome outcome;
  sigjmp_buf recovery;
  restartServiceHeap();
  __vcc_stack_used = 0;
  // The response lives outside the frames a trap jumps over.
  static std::vector<uint8_t>* response = nullptr;
  if (int code = sigsetjmp(recovery, 1)) {
    setServiceHeapMode(false);
    response = nullptr;  // its memory went with the service heap
    outcome.code = code;
    return outcome;
  }
  trapRecovery = &recovery;
  setServiceHeapMode(true);
  size_t offset = 0, requestSize = 0;
  uint8_t* request = vcc::detail::readWholeRequest(
      [&](uint8_t* buffer, size_t capacity) {
        size_t count = std::min(capacity, size - offset);
        if (count != 0) std::memcpy(buffer, data + offset, count);
        offset += count;
        return count;
      },
      requestSize);
  if (request == nullptr) trapOutcome(kExitOutOfMemory);
  response = new std::vector<uint8_t>();
  vccProgramMain(std::span<const uint8_t>(request, requestSize), *response);
  setServiceHeapMode(false);
  trapRecovery = nullptr;
  outcome.response.assign(response->begin(), response->end());
  response = nullptr;  // freed with the service heap at the next input
  return outcome;
}

Outcome runVm(const uint8_t* data, size_t size) {
  Outcome outcome;
  vcc::vm::Machine machine;
  if (!machine.load(image).ok()) {
    std::fprintf(stderr, "vcc-fuzz: the image does not load\n");
    std::_Exit(2);
  }
  machine.bindRequest(std::vector<uint8_t>(data, data + size));
  vcc::vm::StopReason reason = machine.run(maxSteps);
  if (reason == vcc::vm::StopReason::Trapped) {
    outcome.code = kExitTrapped;
  } else if (reason == vcc::vm::StopReason::StepLimit) {
    outcome.code = 101;
  } else {
    outcome.code = static_cast<int>(machine.state().exitCode & 0xff);
    outcome.response.assign(machine.response().begin(), machine.response().end());
  }
  return outcome;
}

void recordDivergence(const uint8_t* data, size_t size, const Outcome& native, const Outcome& vm) {
  std::string name = vcc::vm::toHex(vcc::vm::keccak256(std::span<const uint8_t>(data, size))).substr(2, 16);
  static std::set<std::string> recorded;  // libFuzzer keeps finding the same input
  if (!recorded.insert(name).second) return;
  std::string path = divergenceDir + "/divergence-" + name;
  if (FILE* file = std::fopen(path.c_str(), "wb")) {
    if (size != 0) std::fwrite(data, 1, size, file);
    std::fclose(file);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - startTime).count();
  std::fprintf(stderr,
               "vcc-fuzz: divergence %s after %.1f s and %llu inputs: native exit %d, %zu response bytes; "
               "vm exit %d, %zu response bytes\n",
               path.c_str(), seconds, static_cast<unsigned long long>(inputs), native.code, native.response.size(),
               vm.code, vm.response.size());
}

// Reads a dictionary in the form vcc-fuzz-dictionary writes: one quoted
// entry per line with \xNN, \\ and \" escapes; other lines are ignored.
void loadDictionary(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return;
  char line[1024];
  while (std::fgets(line, sizeof line, file) != nullptr) {
    std::string_view text(line);
    size_t first = text.find('"'), last = text.rfind('"');
    if (first == std::string_view::npos || last <= first + 1) continue;
    std::string entry;
    for (size_t i = first + 1; i < last; ++i) {
      if (text[i] == '\\' && i + 1 < last && text[i + 1] == 'x' && i + 3 < last) {
        entry.push_back(static_cast<char>(std::strtoul(std::string(text.substr(i + 2, 2)).c_str(), nullptr, 16)));
        i += 3;
      } else if (text[i] == '\\' && i + 1 < last) {
        entry.push_back(text[++i]);
      } else {
        entry.push_back(text[i]);
      }
    }
    if (!entry.empty() && entry.size() <= 32) dictionary.push_back(std::move(entry));
  }
  std::fclose(file);
}

std::string flagValue(std::string_view argument, std::string_view name) {
  if (argument.size() > name.size() + 1 && argument.substr(0, name.size()) == name && argument[name.size()] == '=')
    return std::string(argument.substr(name.size() + 1));
  return {};
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  std::string imagePath;
  for (int i = 1; i < *argc; ++i) {
    std::string_view argument = (*argv)[i];
    if (std::string value = flagValue(argument, "-vcc_image"); !value.empty()) imagePath = value;
    if (std::string value = flagValue(argument, "-vcc_divergences"); !value.empty()) divergenceDir = value;
    if (std::string value = flagValue(argument, "-dict"); !value.empty()) loadDictionary(value);
    if (std::string value = flagValue(argument, "-vcc_max_steps"); !value.empty())
      maxSteps = std::strtoull(value.c_str(), nullptr, 10);
  }
  if (imagePath.empty() || divergenceDir.empty()) {
    std::fprintf(stderr, "vcc-fuzz: -vcc_image=PATH and -vcc_divergences=DIR are required\n");
    std::_Exit(2);
  }
  FILE* file = std::fopen(imagePath.c_str(), "rb");
  if (file == nullptr) {
    std::fprintf(stderr, "vcc-fuzz: cannot read %s\n", imagePath.c_str());
    std::_Exit(2);
  }
  uint8_t chunk[1 << 16];
  for (size_t got; (got = std::fread(chunk, 1, sizeof chunk, file)) != 0;) image.insert(image.end(), chunk, chunk + got);
  std::fclose(file);
  setServiceHeapMode(false);
  // Each input makes a new vm::Machine, whose tables are megabytes: keep
  // them in glibc's heap for the next one instead of mapping them anew.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  installTrapHandlers();
  std::set_new_handler(outOfMemory);
  startTime = std::chrono::steady_clock::now();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ++inputs;
  Outcome native = runNative(data, size);
  Outcome vm = runVm(data, size);
  if (vm.code == 101) return 0;  // the step limit: no verdict
  if (native.code != vm.code || (native.code == 0 && native.response != vm.response))
    recordDivergence(data, size, native, vm);
  return 0;
}

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
  const size_t words = size > 4 ? (size - 4) / 32 : 0;
  if (dictionary.empty() || words == 0 || seed % 4 != 0) return LLVMFuzzerMutate(data, size, maxSize);
  const std::string& entry = dictionary[(seed / 4) % dictionary.size()];
  const size_t word = 4 + 32 * ((seed / 4 / dictionary.size()) % words);
  const bool atEnd = (seed >> 30) & 1;
  std::memcpy(data + word + (atEnd ? 32 - entry.size() : 0), entry.data(), entry.size());
  return size;
}
