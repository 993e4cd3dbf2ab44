// nvcc must compile the ABI value types and keccak256 for the device, and
// the codec as CUDA host code, warning-free (stdlib.abi.cuda_compiles;
// all of vcc/service.hpp goes through nvcc in stdlib_abi_cases-cuda).
// Nothing here runs.
#include "vcc/abi.hpp"
#include "vcc/keccak.hpp"
#include "vcc/types.hpp"

__global__ void deviceUses(vcc::u256* numbers, const uint8_t* data, size_t size, vcc::bytes32* digests,
                           const vcc::address* who, bool* flags) {
  vcc::u256 a = numbers[0], b = numbers[1];
  vcc::u256 quotient, remainder;
  vcc::u256::divmod(a * b + a - b, b | 1u, quotient, remainder);
  numbers[2] = (quotient << 3u) ^ (remainder >> 5u);
  numbers[3] = a.lessThan(b) ? a / b : a % b;
  numbers[4] = -a + (~a & b) + vcc::u256::max() + vcc::u256(1, 2, 3, 4);
  numbers[4] += 5u;
  digests[0] = vcc::keccak256(data, size);
  vcc::Keccak256 hasher;
  hasher.update(data, size).update(who->data, who->size());
  digests[1] = hasher.finalize();
  numbers[5] = vcc::u256::fromBytes32(digests[0]);
  uint8_t word[32];
  a.toBigEndian(word);
  numbers[6] = vcc::u256::fromBigEndian(word);
  flags[0] = who[0] == who[1] || digests[0] == digests[1] || a == b;
  flags[1] = who->isZero() || a.isZero() || a.fitsUint64() || a.bit(3) || a.bitWidth() > 3 || a.low64() > 1;
}

std::vector<uint8_t> hostUses() {
  std::vector<std::tuple<uint8_t, vcc::bytes>> records{{1, {0x12}}};
  constexpr auto kMethod = vcc::abi::methodSelector<decltype(records), std::array<int8_t, 2>>("f");
  auto calldata = vcc::abi::encodeCall(kMethod, records, std::array<int8_t, 2>{-1, 2});
  std::array<int8_t, 2> pair{};
  vcc::abi::Error error = vcc::abi::decodeCall(calldata, kMethod, records, pair);
  return error.ok() ? calldata : vcc::abi::errorResponse(error);
}
