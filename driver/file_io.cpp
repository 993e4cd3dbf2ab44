#include "file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace vcc::driver {
namespace {

namespace fs = std::filesystem;

// A file descriptor closed when it goes out of scope.
class Descriptor {
public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

private:
  int fd_;
};

std::string describeErrno(const std::string& path) { return path + ": " + std::strerror(errno); }

// Reads an open file to its end, refusing more than maxBytes.
std::optional<std::vector<uint8_t>> readAll(int fd, const std::string& path, uint64_t maxBytes, std::string& error) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    error = describeErrno(path);
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    error = path + ": is a directory";
    return std::nullopt;
  }
  std::string tooLarge = path + ": larger than the limit of " + std::to_string(maxBytes) + " bytes";
  if (S_ISREG(info.st_mode) && static_cast<uint64_t>(info.st_size) > maxBytes) {
    error = tooLarge;
    return std::nullopt;
  }
  std::vector<uint8_t> bytes;
  if (S_ISREG(info.st_mode)) bytes.reserve(static_cast<size_t>(info.st_size));
  uint8_t chunk[1 << 16];
  for (;;) {
    ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = describeErrno(path);
      return std::nullopt;
    }
    if (got == 0) break;
    if (bytes.size() + static_cast<uint64_t>(got) > maxBytes) {
      error = tooLarge;
      return std::nullopt;
    }
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  return bytes;
}

// Opens `path` with `flags` (O_WRONLY | O_CREAT | ...) and writes the bytes.
bool writeFile(const fs::path& path, int flags, std::span<const uint8_t> bytes, std::string& error) {
  Descriptor file(::open(path.c_str(), flags | O_CLOEXEC, 0644));
  if (file.get() < 0) {
    error = describeErrno(path.string());
    return false;
  }
  while (!bytes.empty()) {
    ssize_t put = ::write(file.get(), bytes.data(), bytes.size());
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) {
      error = describeErrno(path.string());
      return false;
    }
    bytes = bytes.subspan(static_cast<size_t>(put));
  }
  return true;
}

}  // namespace

std::optional<std::vector<uint8_t>> readBinary(const std::string& path, uint64_t maxBytes, std::string& error) {
  if (path == "-") return readAll(STDIN_FILENO, "stdin", maxBytes, error);
  if (path.empty()) {
    error = "an empty file name";
    return std::nullopt;
  }
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    error = describeErrno(path);
    return std::nullopt;
  }
  return readAll(file.get(), path, maxBytes, error);
}

std::optional<std::vector<uint8_t>> readRegularFile(const fs::path& path, uint64_t maxBytes, std::string& error) {
  // O_NONBLOCK: opening a pipe planted there must not wait for a writer.
  Descriptor file(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) {
    error = errno == ELOOP ? path.string() + ": is a symbolic link (refused inside a build directory)"
                           : describeErrno(path.string());
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(file.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    error = path.string() + ": not a regular file";
    return std::nullopt;
  }
  return readAll(file.get(), path.string(), maxBytes, error);
}

bool writeBinary(const std::string& path, std::span<const uint8_t> bytes, std::string& error) {
  if (path == "-") {
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() || std::fflush(stdout) != 0) {
      error = "stdout: write error";
      return false;
    }
    return true;
  }
  if (path.empty()) {
    error = "an empty file name";
    return false;
  }
  return writeFile(path, O_WRONLY | O_CREAT | O_TRUNC, bytes, error);
}

bool writeNewFile(const fs::path& path, std::span<const uint8_t> bytes, std::string& error) {
  return writeFile(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, bytes, error);
}

bool replaceFile(const fs::path& path, std::span<const uint8_t> bytes, std::string& error) {
  std::random_device entropy;
  fs::path temporary = path;
  temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(entropy());
  if (!writeNewFile(temporary, bytes, error)) return false;
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    error = describeErrno(path.string());
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

std::optional<fs::path> makeDirectories(const fs::path& root, const std::vector<std::string>& components,
                                        std::string& error) {
  fs::path path = root;
  for (const std::string& component : components) {
    path /= component;
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
      error = "cannot create " + describeErrno(path.string());
      return std::nullopt;
    }
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
      error = describeErrno(path.string());
      return std::nullopt;
    }
    if (S_ISLNK(info.st_mode) || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid()) {
      error = path.string() + ": not a directory of this user's (a file or a link stands there)";
      return std::nullopt;
    }
  }
  return path;
}

std::optional<PrivateDirectory> PrivateDirectory::create(const fs::path& parent, std::string& error) {
  std::string pattern = (parent / "tmp-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    error = "cannot create a directory in " + describeErrno(parent.string());
    return std::nullopt;
  }
  return PrivateDirectory(fs::path(pattern));
}

PrivateDirectory::~PrivateDirectory() {
  if (path_.empty()) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace vcc::driver
