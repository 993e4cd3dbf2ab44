// vcc-no-time, vcc-no-random, vcc-no-environment.
#include "rules_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NoTimeRule, FlagsCLibraryClocks) {
  FrontendResult result = checkRules(R"cpp(
#include <ctime>
#include <sys/time.h>
long seconds() { return time(nullptr); }
long ticks() { return clock(); }
void wall(timeval* tv) { gettimeofday(tv, nullptr); }
void mono(timespec* ts) { clock_gettime(CLOCK_MONOTONIC, ts); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result),
              ElementsAre("4:25: error: 'time' reads the clock [vcc-no-time]",
                          "5:23: error: 'clock' reads the clock [vcc-no-time]",
                          "6:26: error: 'gettimeofday' reads the clock [vcc-no-time]",
                          "7:27: error: 'clock_gettime' reads the clock [vcc-no-time]"));
}

TEST(NoTimeRule, FlagsChronoClocks) {
  FrontendResult result = checkRules(R"cpp(
#include <chrono>
auto a() { return std::chrono::steady_clock::now(); }
auto b() { return std::chrono::system_clock::now(); }
auto c() { return std::chrono::high_resolution_clock::now(); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre("3:19: error: 'std::chrono::steady_clock::now' reads the clock [vcc-no-time]",
                  "4:19: error: 'std::chrono::system_clock::now' reads the clock [vcc-no-time]",
                  // libc++'s high_resolution_clock is its steady_clock.
                  "5:19: error: 'std::chrono::steady_clock::now' reads the clock [vcc-no-time]"));
}

TEST(NoTimeRule, NoteSaysWhatToDoInstead) {
  FrontendResult result = checkRules("#include <ctime>\nlong f() { return time(nullptr); }\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  ASSERT_EQ(result.diagnostics[0].notes.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].notes[0].message,
            "a method's result must depend only on its arguments: pass the time in as an argument "
            "(for example a "
            "uint64 Unix timestamp)");
}

TEST(NoTimeRule, AllowsDurationsAndServiceFunctionsNamedTime) {
  FrontendResult result = checkRules(R"cpp(
#include <chrono>
namespace app {
long time(long step) { return step * 2; }
}
long twice(long step) { return app::time(step); }
long millis(long seconds) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::seconds(seconds)).count();
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

TEST(NoTimeRule, ReportsAMacroWhereItIsUsed) {
  FrontendResult result = checkRules(R"cpp(
#include <ctime>
#define NOW time(nullptr)
long f() { return NOW; }
)cpp");
  EXPECT_THAT(findings(result), ElementsAre("4:19: error: 'time' reads the clock [vcc-no-time]"));
}

TEST(NoRandomRule, FlagsCLibraryRandomness) {
  FrontendResult result = checkRules(R"cpp(
#include <cstdlib>
int roll() { return rand() % 6; }
void seed(unsigned s) { srand(s); }
long draw() { return random(); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result),
              ElementsAre("3:21: error: 'rand' is a source of randomness [vcc-no-random]",
                          "4:25: error: 'srand' is a source of randomness [vcc-no-random]",
                          "5:22: error: 'random' is a source of randomness [vcc-no-random]"));
}

TEST(NoRandomRule, FlagsRandomDeviceAndDistributions) {
  FrontendResult result = checkRules(R"cpp(
#include <random>
unsigned entropy() {
  std::random_device device;
  return device();
}
int pick(std::mt19937& engine) {
  std::uniform_int_distribution<int> dice(1, 6);
  return dice(engine);
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "4:8: error: 'std::random_device' reads entropy [vcc-no-random]",
          "8:8: error: 'std::uniform_int_distribution' draws numbers by an implementation-defined "
          "algorithm [vcc-no-random]"));
}

TEST(NoRandomRule, AllowsSeededEngines) {
  FrontendResult result = checkRules(R"cpp(
#include <cstdint>
#include <random>
uint64_t next(uint64_t seed) {
  std::mt19937_64 engine(seed);
  return engine() % 100;
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

TEST(NoEnvironmentRule, FlagsVariablesAndTheMachine) {
  FrontendResult result = checkRules(R"cpp(
#include <cstdlib>
#include <unistd.h>
const char* home() { return getenv("HOME"); }
void set() { setenv("A", "1", 1); }
char** all() { return environ; }
long cpus() { return sysconf(_SC_NPROCESSORS_ONLN); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre("4:29: error: 'getenv' uses the process environment [vcc-no-environment]",
                  "5:14: error: 'setenv' uses the process environment [vcc-no-environment]",
                  "6:23: error: 'environ' reads the process environment [vcc-no-environment]",
                  "7:22: error: 'sysconf' reads the machine's or the process's identity "
                  "[vcc-no-environment]"));
}

TEST(NoEnvironmentRule, AllowsServiceNamesThatLookAlike) {
  FrontendResult result = checkRules(R"cpp(
struct Settings { int environment = 0; };
int getenv(const Settings& settings) { return settings.environment; }
int use() { return getenv(Settings{}); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

} // namespace
} // namespace vcc::frontend::testing
