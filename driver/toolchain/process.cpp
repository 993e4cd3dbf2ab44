#include "toolchain/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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

std::string readWholeFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Starts one command with stdin from /dev/null and stdout + stderr into
// captureFile; returns its pid, or -1 with the reason in result.
pid_t startProcess(const std::vector<std::string>& command, const std::filesystem::path& captureFile,
                   ProcessResult& result) {
  if (command.empty()) {
    result.output = "empty command";
    return -1;
  }
  std::vector<char*> argv;
  argv.reserve(command.size() + 1);
  for (const std::string& argument : command) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, captureFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), fixedEnvironment());
  posix_spawn_file_actions_destroy(&actions);
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
  result.output = readWholeFile(captureFile);
  std::error_code ignored;
  std::filesystem::remove(captureFile, ignored);
}

}  // namespace

std::string ProcessResult::describeFailure() const {
  if (skipped) return "not run";
  if (!launched) return output;
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
    pid_t pid = startProcess(commands[index], captureFile(index), results[index]);
    if (pid > 0) running.emplace(pid, index);
    else failed = true;
  }
  while (!running.empty()) waitForOne();
  return results;
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
