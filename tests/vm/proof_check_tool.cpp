// Checks the one-step proofs of a whole run against the interpreter:
//   proof_check_tool IMAGE [--input FILE] [--store DIR] [--max-steps N]
// Two machines run the image side by side: the interpreter (Machine::run,
// one step at a time) and the proof recorder (proveStep). At every step the
// proof is encoded, decoded and verified from the proof alone, and the
// verifier's post-state root must equal both machines' state roots. The
// verifier must also reject the proof with one sibling flipped and with a
// byte cut off. Prints a summary line 'proofs: N steps, ...'; exit 1 on the
// first disagreement (with the step), 2 on bad usage.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/machine.hpp"
#include "vcc/vm/proof.hpp"

using namespace vcc::vm;

namespace {

std::vector<uint8_t> readFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "proof_check_tool: cannot read %s\n", path);
    std::exit(2);
  }
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

int fail(uint64_t step, const std::string& what) {
  std::fprintf(stderr, "proof_check_tool: step %" PRIu64 ": %s\n", step, what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: proof_check_tool IMAGE [--input FILE] [--store DIR] [--max-steps N]\n");
    return 2;
  }
  std::vector<uint8_t> image = readFile(argv[1]), request;
  std::unique_ptr<DirectoryBlobStore> store;
  uint64_t maxSteps = 2'000'000;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--input") request = readFile(argv[i + 1]);
    else if (flag == "--store") store = std::make_unique<DirectoryBlobStore>(argv[i + 1]);
    else if (flag == "--max-steps") maxSteps = std::strtoull(argv[i + 1], nullptr, 10);
    else return 2;
  }
  Machine interpreter, recorder;
  if (!interpreter.load(image).ok() || !recorder.load(image).ok()) {
    std::fprintf(stderr, "proof_check_tool: %s is not a loadable image\n", argv[1]);
    return 2;
  }
  interpreter.bindRequest(request);
  recorder.bindRequest(request);
  interpreter.setBlobStore(store.get());
  recorder.setBlobStore(store.get());

  std::map<std::string, std::pair<uint64_t, uint64_t>> sizes;  // kind -> (count, largest proof)
  uint64_t steps = 0, rejectedTampered = 0;
  for (; steps <= maxSteps; ++steps) {
    const bool halted = recorder.state().status != RunStatus::Running;
    ProveResult proved = proveStep(recorder);
    if (!proved.proof) return fail(steps, "no proof: " + proved.error);
    std::vector<uint8_t> file = encodeProof(*proved.proof);
    std::string error;
    std::optional<StepProof> decoded = decodeProof(file, error);
    if (!decoded) return fail(steps, "own proof does not decode: " + error);
    VerifyResult verified = verifyStep(*decoded);
    if (!verified.valid) return fail(steps, "own proof rejected: " + verified.error);
    if (verified.postStateRoot != proved.postStateRoot)
      return fail(steps, "verifier post-state " + toHex(verified.postStateRoot) + " != recorder " +
                             toHex(proved.postStateRoot));
    StopReason reason = interpreter.run(interpreter.state().steps + 1);
    if (reason == StopReason::MemoryLimit || reason == StopReason::MissingData)
      return fail(steps, "the interpreter stopped at a host limit");
    if (interpreter.stateRoot() != verified.postStateRoot)
      return fail(steps, "verifier post-state " + toHex(verified.postStateRoot) + " != interpreter " +
                             toHex(interpreter.stateRoot()));
    auto& [count, largest] = sizes[stepKindName(proved.kind)];
    ++count;
    largest = std::max<uint64_t>(largest, file.size());
    // Tampering: every step with records must reject a flipped byte in its
    // first record and a proof one byte short.
    if (!decoded->records.empty()) {
      StepProof flipped = *decoded;
      flipped.records[steps % std::min<size_t>(flipped.records.size(), 32)] ^= 0x40;
      StepProof cut = *decoded;
      cut.records.pop_back();
      StepProof longer = *decoded;
      longer.records.push_back(0);
      if (verifyStep(flipped).valid || verifyStep(cut).valid || verifyStep(longer).valid)
        return fail(steps, "a tampered proof was accepted");
      ++rejectedTampered;
    }
    if (halted) break;  // the fixed point was proved too
  }
  std::printf("proofs: %" PRIu64 " steps, %" PRIu64 " tampered proofs rejected, final status %s;", steps + 1,
              rejectedTampered, std::string(runStatusName(recorder.state().status)).c_str());
  for (const auto& [kind, entry] : sizes)
    std::printf(" %s %" PRIu64 " (max %" PRIu64 " B)", kind.c_str(), entry.first, entry.second);
  std::printf("\n");
  return 0;
}
