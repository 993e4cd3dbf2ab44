// Makes a store directory of test blobs and requests for oracle_reader:
//   oracle_store_tool STORE_DIR REQUEST_FILE MISSING_REQUEST FORGED_REQUEST
// Blobs of several sizes (0, 1, 31, 32, 33, 1000, 70000 bytes) and reads of
// each at offsets and lengths around the 32-byte chunks; then a request
// whose last read names a blob that is not in the store, and one whose last
// read names a file whose contents do not have its name as data root.
#include <cstdio>
#include <fstream>
#include <vector>

#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/data_root.hpp"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: oracle_store_tool STORE_DIR REQUEST_FILE MISSING_REQUEST FORGED_REQUEST\n");
    return 2;
  }
  auto save = [](const char* path, const std::vector<uint8_t>& bytes) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  };
  std::vector<uint8_t> request;
  auto addRead = [&](const vcc::vm::Hash& key, uint64_t offset, uint64_t length) {
    request.insert(request.end(), key.begin(), key.end());
    for (int i = 0; i < 8; ++i) request.push_back(static_cast<uint8_t>(offset >> (8 * i)));
    for (int i = 0; i < 8; ++i) request.push_back(static_cast<uint8_t>(length >> (8 * i)));
  };
  for (size_t size : {0, 1, 31, 32, 33, 1000, 70000}) {
    std::vector<uint8_t> blob(size);
    for (size_t i = 0; i < size; ++i) blob[i] = static_cast<uint8_t>(i * 31 + size);
    vcc::vm::Hash key = vcc::vm::DirectoryBlobStore::put(argv[1], blob);
    for (uint64_t offset : {uint64_t{0}, uint64_t{1}, uint64_t{31}, uint64_t{33}, uint64_t{size}, uint64_t{size + 5}})
      for (uint64_t length : {0, 1, 32, 45, 100, 5000}) addRead(key, offset, length);
  }
  save(argv[2], request);
  std::vector<uint8_t> forged{1, 2, 3};
  vcc::vm::Hash forgedKey = vcc::vm::dataRoot(std::vector<uint8_t>{9, 9, 9});
  std::ofstream(std::string(argv[1]) + "/" + vcc::vm::toHex(forgedKey).substr(2), std::ios::binary)
      .write(reinterpret_cast<const char*>(forged.data()), 3);
  std::vector<uint8_t> prefix(request.begin(), request.begin() + 3 * 48);
  request = prefix;
  addRead(vcc::vm::Hash{}, 0, 10);
  save(argv[3], request);
  request = prefix;
  addRead(forgedKey, 0, 3);
  save(argv[4], request);
  return 0;
}
