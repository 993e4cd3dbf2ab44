#include "toolchain/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace vcc::toolchain {

namespace {

// The environment every tool runs with (see runProcesses).
char* const* fixedEnvironment() {
  static char locale[] = "LC_ALL=C";
  static char path[] = "PATH=/usr/local/bin:/usr/bin:/bin";
  static char* const environment[] = {locale, path, nullptr};
  return environment;
}

// What a program wrote, for messages: its first 1 MiB (a program that
// writes more is not read into memory whole).
std::string readCapture(const std::filesystem::path& file) {
  constexpr size_t kMaxCapturedBytes = size_t{1} << 20;
  std::ifstream in(file, std::ios::binary);
  std::string text(kMaxCapturedBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() == kMaxCapturedBytes && in.peek() != std::char_traits<char>::eof()) text += "\n[output cut at 1 MiB]\n";
  return text;
}

// Starts one command with its streams as `options` says (stdin from
// /dev/null, stdout + stderr into captureFile by default) in a process group
// of its own; returns its pid, or -1 with the reason in result. Files are
// opened without following links, and created files must not exist yet.
pid_t startProcess(const std::vector<std::string>& command, const std::filesystem::path& captureFile,
                   const SpawnOptions& options, ProcessResult& result) {
  if (command.empty()) {
    result.output = "empty command";
    return -1;
  }
  std::vector<char*> argv;
  argv.reserve(command.size() + 1);
  for (const std::string& argument : command) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);

  constexpr int kCreate = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;  // no O_CLOEXEC: these are the child's streams
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, options.stdinFile.empty() ? "/dev/null" : options.stdinFile.c_str(),
                                   O_RDONLY | O_NOFOLLOW, 0);
  posix_spawn_file_actions_addopen(&actions, 2, captureFile.c_str(), kCreate, 0600);
  if (options.stdoutFile.empty()) posix_spawn_file_actions_adddup2(&actions, 2, 1);
  else posix_spawn_file_actions_addopen(&actions, 1, options.stdoutFile.c_str(), kCreate, 0600);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  int error = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), fixedEnvironment());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    result.output = "could not start " + command[0] + ": " + std::strerror(error);
    return -1;
  }
  return pid;
}

void recordExit(int status, const std::filesystem::path& captureFile, ProcessResult& result) {
  result.launched = true;
  if (WIFEXITED(status)) {
    result.exitCode = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  result.output = readCapture(captureFile);
  std::error_code ignored;
  std::filesystem::remove(captureFile, ignored);
}

}  // namespace

std::string ProcessResult::describeFailure() const {
  if (skipped) return "not run";
  if (!launched) return output;
  if (timedOut) return "stopped at its time limit";
  if (signal != 0) return "killed by signal " + std::to_string(signal);
  return "exit code " + std::to_string(exitCode);
}

std::vector<ProcessResult> runProcesses(const std::vector<std::vector<std::string>>& commands,
                                        const std::filesystem::path& captureDir, unsigned jobs) {
  std::vector<ProcessResult> results(commands.size());
  jobs = std::max(jobs, 1u);
  std::map<pid_t, size_t> running;  // pid -> command index
  auto captureFile = [&](size_t index) {
    return captureDir / ("process-" + std::to_string(::getpid()) + "-" + std::to_string(index) +
                         ".log");
  };
  // Reaps one of our own children (never another part of the program's):
  // polls them, sleeping briefly between rounds; compiles take far longer.
  // Returns whether that child succeeded.
  auto waitForOne = [&] {
    for (;;) {
      for (auto it = running.begin(); it != running.end(); ++it) {
        int status = 0;
        pid_t done = ::waitpid(it->first, &status, running.size() == 1 ? 0 : WNOHANG);
        if (done == 0 || (done < 0 && errno == EINTR)) continue;
        ProcessResult& result = results[it->second];
        if (done < 0) {
          result.output = "lost track of the process: " + std::string(std::strerror(errno));
        } else {
          recordExit(status, captureFile(it->second), result);
        }
        running.erase(it);
        return result.succeeded();
      }
      ::usleep(2000);
    }
  };

  bool failed = false;
  for (size_t index = 0; index < commands.size(); ++index) {
    while (running.size() >= jobs) failed = !waitForOne() || failed;
    if (failed) {
      results[index].skipped = true;
      continue;
    }
    std::error_code ignored;
    std::filesystem::remove(captureFile(index), ignored);
    pid_t pid = startProcess(commands[index], captureFile(index), SpawnOptions{}, results[index]);
    if (pid > 0) running.emplace(pid, index);
    else failed = true;
  }
  while (!running.empty()) waitForOne();
  return results;
}

ProcessResult runProcess(const std::vector<std::string>& command, const std::filesystem::path& captureDir,
                         const SpawnOptions& options) {
  ProcessResult result;
  std::filesystem::path captureFile = captureDir / ("process-" + std::to_string(::getpid()) + ".log");
  std::error_code ignored;
  std::filesystem::remove(captureFile, ignored);
  pid_t pid = startProcess(command, captureFile, options, result);
  if (pid < 0) return result;
  if (options.maxFileBytes != 0) {
    // Set on the child as it starts (posix_spawn cannot): a write beyond it
    // ends the program with SIGXFSZ instead of filling the disk.
    struct rlimit limit {options.maxFileBytes, options.maxFileBytes};
    ::prlimit(pid, RLIMIT_FSIZE, &limit, nullptr);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeoutSeconds);
  int status = 0;
  // With a time limit, wait on a pidfd (woken the moment the child exits);
  // where there is none (Linux before 5.3), poll waitpid every millisecond.
  int pidfd = options.timeoutSeconds == 0 ? -1 : static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  while (pidfd >= 0) {
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    struct pollfd exited {pidfd, POLLIN, 0};
    int ready = remaining.count() > 0 ? ::poll(&exited, 1, static_cast<int>(std::min<int64_t>(remaining.count(), 60'000))) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0 && std::chrono::steady_clock::now() < deadline) continue;
    if (ready == 0) {
      ::kill(-pid, SIGKILL);
      result.timedOut = true;
    }
    ::close(pidfd);
    pidfd = -1;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    recordExit(status, captureFile, result);
    return result;
  }
  for (;;) {
    pid_t done = ::waitpid(pid, &status, options.timeoutSeconds == 0 ? 0 : WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      result.output = "lost track of the process: " + std::string(std::strerror(errno));
      return result;
    }
    if (done == 0 && std::chrono::steady_clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      result.timedOut = true;
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    if (done == 0) ::usleep(1000);
  }
  recordExit(status, captureFile, result);
  return result;
}

std::filesystem::path findOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return {};
  std::stringstream directories(path);
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    if (directory.empty()) continue;
    std::filesystem::path candidate = std::filesystem::path(directory) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

}  // namespace vcc::toolchain
