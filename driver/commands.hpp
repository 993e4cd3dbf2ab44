// Registration of the vcc subcommands. Each adds itself to its parent and,
// when run, stores the process exit code in `exitCode`.
#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
#include <string>

#include "service_contract.hpp"
#include "service_runner.hpp"

namespace vcc::driver {

// A file or directory option that may not be empty: "" would otherwise mean
// the current directory.
inline const CLI::Validator NonEmptyPath(
    [](std::string& value) { return value.empty() ? std::string("an empty path is not allowed") : std::string(); },
    "PATH", "NonEmptyPath");

// A count of at least 1 that fits in 64 bits, written in decimal: CLI11's
// own conversion would clamp larger values and its range check prints
// floating-point bounds.
inline const CLI::Validator PositiveCount(
    [](std::string& value) {
      uint64_t parsed = 0;
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (value.empty() || error != std::errc() || end != value.data() + value.size() || parsed == 0)
        return "must be a whole number from 1 to 18446744073709551615, not \"" + value + "\"";
      return std::string();
    },
    "COUNT", "PositiveCount");

// A service source: an existing regular file. A relative name that starts
// with '-' gets "./" in front, so that no compiler reads it as an option.
// (Give it to transform(), which may change the value, not check().)
inline const CLI::Validator SourceFile(
    [](std::string& value) {
      if (value.empty()) return std::string("an empty path is not allowed");
      std::string problem = CLI::ExistingFile(value);
      if (!problem.empty()) return problem;
      if (value[0] == '-') value = "./" + value;
      return std::string();
    },
    "FILE", "SourceFile");

// -D NAME or NAME=VALUE, NAME an identifier.
inline const CLI::Validator MacroDefinition(
    [](std::string& value) {
      return isIdentifier(value.substr(0, value.find('=')))
                 ? std::string()
                 : "-D takes NAME or NAME=VALUE with NAME an identifier, not \"" + value + "\"";
    },
    "NAME[=VALUE]", "MacroDefinition");

// --max-memory: MiB of guest pages the VM may allocate on the host
// (docs/security.md; the default is kDefaultMaxMemoryMiB).
inline const CLI::Validator MemoryMiB = CLI::Range(uint64_t{16}, uint64_t{4096});

// The host limits of `vcc run` and `vcc verify-equiv`, stored in `limits`.
inline void addRunLimitOptions(CLI::App& command, RunnerOptions& limits) {
  command.add_option("--timeout", limits.timeoutSeconds,
                     "Seconds a native or qemu run may take before it is stopped (exit 103); 0: no limit")
      ->capture_default_str();
  command.add_option("--max-steps", limits.maxSteps, "Instructions a VM run may take; it stops there (exit 101)")
      ->capture_default_str()
      ->check(PositiveCount);
  command.add_option("--max-memory", limits.maxMemoryMiB,
                     "MiB of guest memory the VM may allocate; a run that needs more stops (exit 102)")
      ->capture_default_str()
      ->check(MemoryMiB);
}

void addBuildCommand(CLI::App& app, int& exitCode);  // build and check
void addHashCommand(CLI::App& app, int& exitCode);
void addRunCommand(CLI::App& app, int& exitCode);
void addVerifyCommand(CLI::App& app, int& exitCode);
void addPublishCommand(CLI::App& app, int& exitCode);
void addVmRunCommand(CLI::App& vm, int& exitCode);
void addVmHashCommand(CLI::App& vm, int& exitCode);
void addVmProofCommands(CLI::App& vm, int& exitCode);

}  // namespace vcc::driver
