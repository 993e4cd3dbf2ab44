// Running the guest toolchain's programs: posix_spawn, no shell, a fixed
// environment, and the output of each run captured for error messages.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vcc::toolchain {

struct ProcessResult {
  bool skipped = false;   // not started because an earlier command failed
  bool launched = false;  // false: the program could not be started (see output)
  int exitCode = -1;      // the exit status when the program exited normally
  int signal = 0;         // the signal that killed it, else 0
  bool timedOut = false;  // killed (SIGKILL) when its time limit ran out
  std::string output;     // its stdout and stderr, interleaved as written

  bool succeeded() const { return launched && signal == 0 && exitCode == 0; }
  // "exit code 1", "killed by signal 9", "could not start: ...".
  std::string describeFailure() const;
};

// Runs each command (argv[0] is the program's path; PATH is not searched)
// with stdin from /dev/null, at most `jobs` at a time, and returns the
// results in the order of the commands. Once one fails, no further command
// is started (those are `skipped`). Output is
// captured through a file in captureDir, which must exist; the files are
// removed afterwards. The environment is fixed (LC_ALL=C and a plain PATH)
// so that variables such as CPATH cannot change what a compiler does.
std::vector<ProcessResult> runProcesses(const std::vector<std::vector<std::string>>& commands,
                                        const std::filesystem::path& captureDir, unsigned jobs);

// Where one program's standard streams go and how long it may run.
struct SpawnOptions {
  std::filesystem::path stdinFile;   // empty: /dev/null; opened without following a link
  std::filesystem::path stdoutFile;  // empty: captured with stderr; else created (must not exist)
  unsigned timeoutSeconds = 0;       // 0: no limit; else the process group is killed then
  uint64_t maxFileBytes = 0;         // 0: none; else RLIMIT_FSIZE of the program (its response, its log)
};

// Runs one command like runProcesses, with redirections and a time limit.
// The program runs in its own process group, so that a timeout ends
// whatever it started too.
ProcessResult runProcess(const std::vector<std::string>& command, const std::filesystem::path& captureDir,
                         const SpawnOptions& options);

// Finds an executable by name on $PATH; empty if there is none.
std::filesystem::path findOnPath(const std::string& name);

}  // namespace vcc::toolchain
