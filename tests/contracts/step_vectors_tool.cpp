// Step-proof vectors for the Solidity verifier (tests/contracts/js/step_check.mjs):
//   step_vectors_tool OUT.json [--fuzz N] [--seed S] [IMAGE[:INPUT] [--max-steps N]]...
// Fuzzed single steps: a random instruction word (every opcode, funct3 and
// funct7 class, random fields) on a machine with registers of corner values
// and addresses at the edges of memory, a bound request of a random length
// and offset, and two blobs for the oracle; system calls with every number.
// Then every step of each IMAGE (with INPUT as its request) up to its limit.
// Each vector is checked here first: the C++ verifier's post-state root must
// equal the recorder's and the interpreter's (a twin machine), and a proof
// with one byte flipped, one byte cut or one byte added must be rejected.
// Output: [{"name", "pre", "proof", "post"}...] and tampered ones with
// "post": null. Exit 1 if C++ disagrees with itself.
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "assembler.hpp"
#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/data_root.hpp"
#include "vcc/vm/machine.hpp"
#include "vcc/vm/proof.hpp"

using namespace vcc::vm;
using namespace vcc::vm::test;

namespace {

struct Vector {
  std::string name;
  std::vector<uint8_t> pre, proof;
  std::optional<Hash> post;
};

std::string hex(std::span<const uint8_t> bytes) { return toHex(bytes); }

// An instruction word: one in ten anything at all, one in ten an ecall or
// ebreak variant, the rest a well-formed word of every opcode with funct3
// and funct7 drawn mostly from the valid ones (and sometimes not).
uint32_t randomWord(std::mt19937_64& rng) {
  static const uint32_t kOpcodes[] = {0x37, 0x17, 0x6f, 0x67, 0x63, 0x03, 0x23, 0x13, 0x1b, 0x33, 0x3b, 0x0f, 0x73};
  static const uint32_t kFunct7[] = {0x00, 0x01, 0x20};
  uint32_t word = static_cast<uint32_t>(rng());
  switch (rng() % 10) {
  case 0: return word;
  case 1: return rng() % 4 == 0 ? 0x00100073 : rng() % 2 ? 0x00000073 : (0x00000073 | (word & 0xfff00000));
  default: break;
  }
  uint32_t opcode = kOpcodes[rng() % std::size(kOpcodes)];
  word = (word & ~0x7fu) | opcode;
  uint32_t funct3 = (word >> 12) & 7;
  if (opcode == 0x03 && funct3 == 7 && rng() % 4 != 0) funct3 = static_cast<uint32_t>(rng() % 7);
  if (opcode == 0x23 && rng() % 4 != 0) funct3 &= 3;
  if ((opcode == 0x67 || opcode == 0x0f) && rng() % 4 != 0) funct3 = 0;
  word = (word & ~(7u << 12)) | (funct3 << 12);
  if (opcode == 0x33 || opcode == 0x3b || opcode == 0x1b || (opcode == 0x13 && (funct3 == 1 || funct3 == 5))) {
    uint32_t funct7 = rng() % 8 == 0 ? static_cast<uint32_t>(rng() % 128) : kFunct7[rng() % std::size(kFunct7)];
    if (opcode == 0x13) funct7 &= 0x7e;  // bit 25 is the 6th shift-amount bit
    word = (word & 0x01ffffffu) | (funct7 << 25);
  }
  if (opcode == 0x73 && rng() % 2) word = 0x73;
  return word;
}

uint64_t cornerValue(std::mt19937_64& rng) {
  static const uint64_t kValues[] = {0, 1, 2, ~uint64_t{0}, uint64_t{1} << 63, (uint64_t{1} << 63) - 1, 0x7fffffff,
                                     0x80000000, 0xffffffff, 0x100000000, 31, 32, 63, 64, 0xfff, 0x800};
  static const uint64_t kAddresses[] = {kDataBase, kDataBase + 8, kDataBase + 30, kDataBase + 0x7ff, 0x10000, 0x10004,
                                        0xffff, 0xfffffff8, 0xfffffffc, 0xffffffe0, 0x100000000 - 1, 0xfffff800};
  switch (rng() % 4) {
  case 0: return kValues[rng() % std::size(kValues)];
  case 1: return kAddresses[rng() % std::size(kAddresses)] + (rng() % 3 == 0 ? rng() % 64 : 0);
  case 2: return rng() % 64;
  default: return rng();
  }
}

// Builds the same machine for the same seed: the recorder's and the twin's.
struct Fixture {
  Machine machine;
  MemoryBlobStore store;
};
void setUp(Fixture& f, uint64_t seed, std::vector<Hash>& roots) {
  std::mt19937_64 rng(seed);
  Assembler code;
  code.emit(randomWord(rng));
  for (int i = 0; i < 7; ++i) code.emit(static_cast<uint32_t>(rng()));
  std::vector<uint8_t> data(256);
  for (uint8_t& byte : data) byte = static_cast<uint8_t>(rng());
  if (!f.machine.load(buildProgram(code, data, 4096)).ok()) std::abort();
  static const size_t kLengths[] = {0, 1, 31, 32, 33, 64, 100, 1000};
  std::vector<uint8_t> request(kLengths[rng() % std::size(kLengths)]);
  for (uint8_t& byte : request) byte = static_cast<uint8_t>(rng());
  uint64_t offset = request.empty() ? 0 : rng() % (request.size() + 2);
  f.machine.bindRequest(request);
  f.machine.seekRequest(offset);
  roots.clear();
  for (size_t size : {size_t{45}, size_t{5000}}) {
    std::vector<uint8_t> blob(size);
    for (uint8_t& byte : blob) byte = static_cast<uint8_t>(rng());
    roots.push_back(f.store.add(blob));
  }
  f.machine.setBlobStore(&f.store);
  MachineState& state = f.machine.mutableState();
  for (unsigned r = 1; r < 32; ++r) state.x[r] = cornerValue(rng);
  static const uint64_t kSyscalls[] = {63, 63, 64, 64, 0x10000, 0x10001, 0x10001, 93, 94, 57, 0x10002};
  state.x[17] = kSyscalls[rng() % std::size(kSyscalls)];
  if (state.x[17] == 63) state.x[10] = rng() % 4 == 0 ? 1 : 0;
  if (state.x[17] == 64) state.x[10] = 1 + rng() % 3;
  if (state.x[17] >= 0x10000 && rng() % 4 != 0) {
    const Hash& root = roots[rng() % roots.size()];
    for (unsigned w = 0; w < 4; ++w) {
      uint64_t word = 0;
      for (unsigned b = 0; b < 8; ++b) word |= uint64_t{root[8 * w + b]} << (8 * b);
      state.x[10 + w] = word;
    }
    state.x[14] = rng() % 3 == 0 ? rng() % 6000 : rng() % 64;
  }
  // Most loads and stores should reach memory rather than trap: point the
  // base register (after the system-call registers, which it may be) at the
  // data, the stack top or the null-guard edge, less the immediate, aligned
  // three times in four.
  uint32_t instruction = code.words[0];
  uint32_t opcode = instruction & 0x7f, base = (instruction >> 15) & 31;
  if ((opcode == 0x03 || opcode == 0x23) && base != 0 && rng() % 8 != 0) {
    int64_t imm = opcode == 0x03
                      ? int64_t{static_cast<int32_t>(instruction) >> 20}
                      : int64_t{(static_cast<int32_t>(instruction) >> 25) * 32 + static_cast<int32_t>((instruction >> 7) & 31)};
    static const uint64_t kTargets[] = {kDataBase, kDataBase + 64, 0xffffffc0, 0x10000, 0xfffffff8};
    uint64_t target = kTargets[rng() % std::size(kTargets)];
    if (target != 0xfffffff8) target += rng() % 4 == 0 ? rng() % 8 : (rng() % 8) * 8;
    state.x[base] = target - static_cast<uint64_t>(imm);
  }
}

bool checkAndAdd(std::vector<Vector>& out, const std::string& name, const StepProof& proof, const Hash& recorded,
                 const Hash& interpreted, std::mt19937_64& rng) {
  VerifyResult verified = verifyStep(proof);
  if (!verified.valid || verified.postStateRoot != recorded || recorded != interpreted) {
    std::fprintf(stderr, "step_vectors_tool: %s: C++ disagrees (%s)\n", name.c_str(),
                 verified.valid ? "post-state roots differ" : verified.error.c_str());
    return false;
  }
  out.push_back({name, {proof.preState.begin(), proof.preState.end()}, proof.records, recorded});
  if (proof.records.empty()) return true;
  StepProof flipped = proof, cut = proof, longer = proof;
  flipped.records[rng() % flipped.records.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
  cut.records.pop_back();
  longer.records.push_back(static_cast<uint8_t>(rng()));
  for (auto [kind, bad] : {std::pair{"flipped", &flipped}, std::pair{"cut", &cut}, std::pair{"longer", &longer}}) {
    VerifyResult rejected = verifyStep(*bad);
    // A flipped byte in a zero mask may only move a sibling into the proof:
    // then the proof is cut short or too long, still rejected.
    if (rejected.valid) {
      std::fprintf(stderr, "step_vectors_tool: %s: a %s proof was accepted\n", name.c_str(), kind);
      return false;
    }
    out.push_back({name + " (" + kind + ")", {bad->preState.begin(), bad->preState.end()}, bad->records, std::nullopt});
  }
  return true;
}

std::vector<uint8_t> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "step_vectors_tool: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: step_vectors_tool OUT.json [--fuzz N] [--seed S] [IMAGE[:INPUT] [--max-steps N]]...\n");
    return 2;
  }
  uint64_t fuzz = 2000, seed = 1, maxSteps = 2000;
  std::vector<std::string> images;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--fuzz" && i + 1 < argc) fuzz = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--max-steps" && i + 1 < argc) maxSteps = std::strtoull(argv[++i], nullptr, 10);
    else images.push_back(arg);
  }
  std::vector<Vector> vectors;
  std::mt19937_64 rng(seed);
  std::vector<Hash> roots;
  uint64_t missing = 0;
  for (uint64_t i = 0; i < fuzz; ++i) {
    uint64_t caseSeed = rng();
    Fixture recorded, twin;
    setUp(recorded, caseSeed, roots);
    setUp(twin, caseSeed, roots);
    ProveResult proved = proveStep(recorded.machine);
    if (!proved.proof) {
      // An oracle call naming a blob nobody has: no step to prove, and the
      // interpreter must stop there too.
      if (twin.machine.run(twin.machine.state().steps + 1) != StopReason::MissingData)
        return std::fprintf(stderr, "step_vectors_tool: fuzz %" PRIu64 ": %s\n", i, proved.error.c_str()), 1;
      ++missing;
      continue;
    }
    twin.machine.run(twin.machine.state().steps + 1);
    std::string name = "fuzz " + std::to_string(i) + " " + stepKindName(proved.kind);
    if (!checkAndAdd(vectors, name, *proved.proof, proved.postStateRoot, twin.machine.stateRoot(), rng)) return 1;
  }
  for (const std::string& spec : images) {
    size_t colon = spec.find(':');
    std::vector<uint8_t> image = readFile(spec.substr(0, colon));
    std::vector<uint8_t> request = colon == std::string::npos ? std::vector<uint8_t>{} : readFile(spec.substr(colon + 1));
    Machine recorder, interpreter;
    if (!recorder.load(image).ok() || !interpreter.load(image).ok()) return 2;
    recorder.bindRequest(request);
    interpreter.bindRequest(request);
    for (uint64_t step = 0; step < maxSteps; ++step) {
      bool halted = recorder.state().status != RunStatus::Running;
      ProveResult proved = proveStep(recorder);
      if (!proved.proof) return 1;
      interpreter.run(interpreter.state().steps + 1);
      std::string imageName = spec.substr(0, colon);
      std::string name = imageName.substr(imageName.find_last_of('/') + 1) + " step " + std::to_string(step);
      if (!checkAndAdd(vectors, name, *proved.proof, proved.postStateRoot, interpreter.stateRoot(), rng)) return 1;
      if (halted) break;
    }
  }
  std::ofstream out(argv[1]);
  out << "[\n";
  for (size_t i = 0; i < vectors.size(); ++i) {
    const Vector& v = vectors[i];
    out << "{\"name\":\"" << v.name << "\",\"pre\":\"" << hex(v.pre) << "\",\"proof\":\"" << hex(v.proof)
        << "\",\"post\":" << (v.post ? "\"" + toHex(*v.post) + "\"" : std::string("null")) << "}"
        << (i + 1 < vectors.size() ? ",\n" : "\n");
  }
  out << "]\n";
  std::printf("step vectors: %zu (%" PRIu64 " fuzzed steps, %" PRIu64 " of them missing data, %zu images)\n",
              vectors.size(), fuzz, missing, images.size());
  return 0;
}
