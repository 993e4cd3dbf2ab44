#include "file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace vcc::driver {
namespace {
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;
}  // namespace

std::optional<std::vector<uint8_t>> readBinary(const std::string& path, uint64_t maxBytes,
                                               std::string& error) {
  File owned;
  std::FILE* file = stdin;
  if (path != "-") {
    owned.reset(std::fopen(path.c_str(), "rb"));
    if (!owned) {
      error = path + ": " + std::strerror(errno);
      return std::nullopt;
    }
    file = owned.get();
  }
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  for (;;) {
    size_t got = std::fread(chunk, 1, sizeof chunk, file);
    if (got > 0) {
      if (bytes.size() + got > maxBytes) {
        error = path + ": larger than the limit of " + std::to_string(maxBytes) + " bytes";
        return std::nullopt;
      }
      bytes.insert(bytes.end(), chunk, chunk + got);
    }
    if (got < sizeof chunk) break;
  }
  if (std::ferror(file)) {
    error = path + ": read error (is it a directory?)";
    return std::nullopt;
  }
  return bytes;
}

bool writeBinary(const std::string& path, std::span<const uint8_t> bytes, std::string& error) {
  File owned;
  std::FILE* file = stdout;
  if (path != "-") {
    owned.reset(std::fopen(path.c_str(), "wb"));
    if (!owned) {
      error = path + ": " + std::strerror(errno);
      return false;
    }
    file = owned.get();
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size() || std::fflush(file) != 0) {
    error = path + ": write error";
    return false;
  }
  return true;
}

}  // namespace vcc::driver
