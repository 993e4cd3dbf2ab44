// vcc-no-io.
#include "rules_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(NoIoRule, FlagsFilesAndDescriptors) {
  FrontendResult result = checkRules(R"cpp(
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
FILE* config() { return fopen("config.txt", "r"); }
int raw() { return open("data.bin", O_RDONLY); }
void done(int fd) { close(fd); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result),
              ElementsAre("5:25: error: 'fopen' does file, network or process I/O [vcc-no-io]",
                          "6:20: error: 'open' does file, network or process I/O [vcc-no-io]",
                          "7:21: error: 'close' does file, network or process I/O [vcc-no-io]"));
}

TEST(NoIoRule, FlagsSockets) {
  FrontendResult result = checkRules(R"cpp(
#include <sys/socket.h>
int dial(const sockaddr* address, socklen_t size) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  return connect(fd, address, size);
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result),
              ElementsAre("4:12: error: 'socket' does file, network or process I/O [vcc-no-io]",
                          "5:10: error: 'connect' does file, network or process I/O [vcc-no-io]"));
}

// Services see libc++ with vcc's configuration, which has no localization:
// file and string streams do not exist, on either target, so a service that
// uses them does not compile (the frontend reports Clang's error).
TEST(NoIoRule, FileStreamsDoNotExistInTheServiceLibrary) {
  FrontendResult result = checkRules(R"cpp(
#include <fstream>
#include <string>
std::string first(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}
)cpp");
  EXPECT_THAT(compileErrors(result), Not(IsEmpty()));
}

TEST(NoIoRule, FlagsTheFileSystem) {
  FrontendResult result = checkRules(R"cpp(
#include <filesystem>
bool present(const std::filesystem::path& path) { return std::filesystem::exists(path); }
std::filesystem::path joined(const std::filesystem::path& a) { return a / "b"; }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre("3:58: error: 'std::filesystem::exists' uses the file system [vcc-no-io]"));
}

TEST(NoIoRule, FlagsStandardInputAndOutput) {
  FrontendResult result = checkRules(R"cpp(
#include <cstdio>
void show(int x) { printf("%d\n", x); }
int ask() { int x = 0; scanf("%d", &x); return x; }
void put(int x) { fprintf(stdout, "%d", x); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "3:20: error: 'printf' writes to standard output [vcc-no-io]",
          "4:24: error: 'scanf' reads standard input [vcc-no-io]",
          "5:19: error: 'fprintf' does stream I/O other than debug output to stderr [vcc-no-io]",
          "5:27: error: 'stdout' writes to standard output [vcc-no-io]"));
}

TEST(NoIoRule, AllowsDebugOutputToStandardErrorAndStringFormatting) {
  FrontendResult result = checkRules(R"cpp(
#include <cstdio>
#include <string>
void debug(int x) {
  fprintf(stderr, "x = %d\n", x);
  fputs("done\n", stderr);
}
std::string format(int x) {
  char buffer[16];
  snprintf(buffer, sizeof buffer, "%d", x);
  return std::string(buffer) + std::to_string(x);
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

} // namespace
} // namespace vcc::frontend::testing
