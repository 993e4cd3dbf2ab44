// Command-line options of native dual-program executables (the `main` in
// vcc::native_main) and how they pick a backend. Errors are values: the
// caller prints them and exits with kExitBadUsage.
#pragma once

#include "vcc/native/backends.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vcc::native {

struct Options {
  std::optional<BackendKind> backend;  // unset: cuda when usable, else threads
  size_t threads = 0;                 // 0: one per hardware thread
  std::string input = "-";            // a file, or - for stdin
  std::string output = "-";           // a file, or - for stdout
  std::string store;                  // data oracle store directory (vcc/oracle.hpp)
  bool help = false;
  bool listBackends = false;
};

struct ParsedOptions {
  Options options;
  std::string error;  // empty when the arguments were valid
};

// Parses argv[1..]: `--name VALUE` or `--name=VALUE`.
ParsedOptions parseOptions(std::span<const char* const> arguments);

// The --help text.
std::string usageText(std::string_view program, bool cudaCompiledIn);

inline constexpr size_t kMaxThreads = 1024;

struct BackendSelection {
  std::unique_ptr<Backend> backend;
  std::string notice;  // one line for stderr when the choice differs from the request
};

// The backend the options ask for; cuda falls back to threads, with a
// notice, when `cuda` is null (a build without CUDA) or finds no device.
BackendSelection selectBackend(const Options& options, CudaFactory cuda);

}  // namespace vcc::native
