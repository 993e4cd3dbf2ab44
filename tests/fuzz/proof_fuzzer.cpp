// libFuzzer target: one-step proof files from an untrusted party (vcc vm
// verify-step, the dispute game's off-chain checks). decodeProof and
// verifyStep over arbitrary bytes, seeded with real proofs. Properties
// besides not crashing: a rejection says why; verification is a function of
// the bytes (twice the same result); an accepted step from a running state
// advances the step counter by exactly one, and from a halted state
// changes nothing.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "vcc/vm/proof.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string error;
  std::optional<vcc::vm::StepProof> proof = vcc::vm::decodeProof(std::span(data, size), error);
  if (!proof) {
    if (error.empty()) std::abort();
    return 0;
  }
  vcc::vm::VerifyResult first = vcc::vm::verifyStep(*proof);
  vcc::vm::VerifyResult second = vcc::vm::verifyStep(*proof);
  if (first.valid != second.valid || first.postStateRoot != second.postStateRoot) std::abort();
  if (!first.valid) {
    if (first.error.empty()) std::abort();
    return 0;
  }
  auto pre = vcc::vm::unpackState(proof->preState);
  auto post = vcc::vm::unpackState(first.postState);
  if (!pre || !post) std::abort();
  if (pre->status == 0 ? post->steps != pre->steps + 1 : first.postState != proof->preState) std::abort();
  return 0;
}
