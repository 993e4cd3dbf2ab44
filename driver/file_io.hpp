// File access for the commands. A build directory, a bundle and the files
// they hold are untrusted (docs/security.md): what vcc reads from them must
// be a regular file of bounded size, and what it writes goes into fresh
// files and directories, never through a link planted there.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vcc::driver {

// A path the user named: a file (links followed, pipes allowed) or "-" for
// stdin. Returns the bytes, or nullopt with a message in `error`. A file
// larger than maxBytes is refused before it is read.
std::optional<std::vector<uint8_t>> readBinary(const std::string& path, uint64_t maxBytes,
                                               std::string& error);

// A file inside an untrusted directory: it must be a regular file, not a
// link, a pipe or a device; refused before reading when over maxBytes.
std::optional<std::vector<uint8_t>> readRegularFile(const std::filesystem::path& path, uint64_t maxBytes,
                                                    std::string& error);

// Writes to a path the user named, or "-" for stdout.
bool writeBinary(const std::string& path, std::span<const uint8_t> bytes, std::string& error);

// Creates `path`, which must not exist (a link there is an error, never
// followed), and writes the bytes.
bool writeNewFile(const std::filesystem::path& path, std::span<const uint8_t> bytes, std::string& error);

// Replaces `path` atomically: a fresh file next to it, renamed over it. A
// link at `path` is replaced, not followed.
bool replaceFile(const std::filesystem::path& path, std::span<const uint8_t> bytes, std::string& error);

// `root`/a/b/...: creates each missing directory and checks that each one is
// a real directory (not a link) owned by this user. nullopt with a message
// when one is not.
std::optional<std::filesystem::path> makeDirectories(const std::filesystem::path& root,
                                                     const std::vector<std::string>& components,
                                                     std::string& error);

// A new directory only this process uses (mkdtemp) inside `parent`, removed
// with what it holds when the object goes.
class PrivateDirectory {
public:
  static std::optional<PrivateDirectory> create(const std::filesystem::path& parent, std::string& error);
  PrivateDirectory(PrivateDirectory&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  PrivateDirectory(const PrivateDirectory&) = delete;
  PrivateDirectory& operator=(const PrivateDirectory&) = delete;
  PrivateDirectory& operator=(PrivateDirectory&&) = delete;
  ~PrivateDirectory();
  const std::filesystem::path& path() const { return path_; }

private:
  explicit PrivateDirectory(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

}  // namespace vcc::driver
