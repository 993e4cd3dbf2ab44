// Dual program for the data oracle: the request is a list of reads, each a
// 32-byte key, an 8-byte offset and an 8-byte length (little-endian); the
// response has, per read, the blob's size (8 bytes), the count read (8
// bytes) and the bytes. The reads use odd
// offsets, lengths and destination alignments so that the guest's leaf loop
// (vcc/oracle.hpp) is exercised.
#include <cstring>
#include <vcc/oracle.hpp>
#include <vcc/program.hpp>

namespace {

template <class T> void append(std::vector<uint8_t>& out, T value) {
  uint8_t bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.insert(out.end(), bytes, bytes + sizeof(T));
}

}  // namespace

void vccProgramMain(std::span<const uint8_t> request, std::vector<uint8_t>& response) {
  constexpr size_t kRecord = 32 + 8 + 8;
  for (size_t at = 0; at + kRecord <= request.size(); at += kRecord) {
    vcc::oracle::Key key;
    std::memcpy(key.data(), request.data() + at, 32);
    uint64_t offset, length;
    std::memcpy(&offset, request.data() + at + 32, 8);
    std::memcpy(&length, request.data() + at + 40, 8);
    length = length > 100000 ? 100000 : length;
    // Read into a buffer at an odd address, to misalign it against the leaves.
    std::vector<uint8_t> buffer(length + 7);
    std::span<uint8_t> destination(buffer.data() + (offset % 7), length);
    append<uint64_t>(response, vcc::oracle::size(key));
    uint64_t got = vcc::oracle::read(key, offset, destination);
    append<uint64_t>(response, got);
    response.insert(response.end(), destination.begin(), destination.begin() + static_cast<ptrdiff_t>(got));
  }
}
