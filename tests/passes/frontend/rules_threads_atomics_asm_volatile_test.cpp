// vcc-no-threads, vcc-no-atomics, vcc-no-inline-asm, vcc-no-volatile, and
// the exemption of vcc's own headers from them.
#include "rules_test_support.hpp"

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NoThreadsRule, FlagsThreadsAndLocks) {
  FrontendResult result = checkRules(R"cpp(
#include <mutex>
#include <thread>
std::mutex lock;
void run() {
  std::thread worker([] {});
  std::lock_guard<std::mutex> guard(lock);
  worker.join();
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "4:6: error: 'std::mutex' is a thread or synchronizes threads [vcc-no-threads]",
          "6:8: error: 'std::thread' is a thread or synchronizes threads [vcc-no-threads]",
          "7:8: error: 'std::lock_guard' is a thread or synchronizes threads [vcc-no-threads]",
          "7:24: error: 'std::mutex' is a thread or synchronizes threads [vcc-no-threads]"));
}

TEST(NoThreadsRule, FlagsAsyncAndPosixThreads) {
  FrontendResult result = checkRules(R"cpp(
#include <future>
#include <pthread.h>
int later() { return std::async([] { return 1; }).get(); }
void start(pthread_t* thread, void* (*body)(void*)) { pthread_create(thread, nullptr, body, nullptr); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "4:22: error: 'std::async' starts, schedules or synchronizes threads [vcc-no-threads]",
          "5:55: error: 'pthread_create' starts, schedules or synchronizes threads "
          "[vcc-no-threads]"));
}

TEST(NoThreadsRule, AllowsTheKernelApi) {
  FrontendResult result = checkRules(R"cpp(
#include <vcc/kernel.hpp>
#include <vector>
void twice(std::vector<float>& values) {
  vcc::parallel_for(values.size(), [&](size_t i) { values[i] = values[i] * 2.0f; });
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

TEST(NoAtomicsRule, FlagsAtomicTypesFencesAndBuiltins) {
  FrontendResult result = checkRules(R"cpp(
#include <atomic>
std::atomic<int> counter{0};
std::atomic_int total{0};
void fence() { std::atomic_thread_fence(std::memory_order_seq_cst); }
int add(int* p) { return __atomic_fetch_add(p, 1, __ATOMIC_RELAXED) + __sync_fetch_and_add(p, 1); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre("3:6: error: 'std::atomic' is an atomic type [vcc-no-atomics]",
                  "4:6: error: 'std::atomic_int' is an atomic type [vcc-no-atomics]",
                  "5:16: error: 'std::atomic_thread_fence' is an atomic operation [vcc-no-atomics]",
                  "6:26: error: atomic builtin operation [vcc-no-atomics]",
                  "6:71: error: '__sync_fetch_and_add' is an atomic operation [vcc-no-atomics]"));
}

TEST(NoAtomicsRule, AllowsPlainCountersAndReductions) {
  FrontendResult result = checkRules(R"cpp(
#include <vcc/kernel.hpp>
#include <vector>
int count(const std::vector<int>& values) {
  int total = 0;
  for (int value : values) total += value > 0;
  return total + vcc::reduce_sum(values.data(), values.size());
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

TEST(NoInlineAsmRule, AllowsBuiltinsAndTheWordInStrings) {
  FrontendResult result = checkRules(R"cpp(
const char* name() { return "asm"; }
int likely(int x) { return __builtin_expect(x, 1) + __builtin_popcount(unsigned(x)); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

TEST(NoInlineAsmRule, FlagsAsmStatementsAndFileScopeAsm) {
  FrontendResult result = checkRules(R"cpp(
asm(".globl marker");
void pause() { asm("nop"); }
void barrier() { __asm__ __volatile__("" ::: "memory"); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result),
              ElementsAre("2:1: error: file-scope assembly [vcc-no-inline-asm]",
                          "3:16: error: inline assembly statement [vcc-no-inline-asm]",
                          "4:18: error: inline assembly statement [vcc-no-inline-asm]"));
}

TEST(NoVolatileRule, FlagsVariablesMembersPointeesAndCasts) {
  FrontendResult result = checkRules(R"cpp(
volatile int ready = 0;
struct Flags { volatile bool done; };
int read(volatile int* p) { return *p; }
int* volatile slot = nullptr;
void touch(int& x) { *(volatile int*)&x = 1; }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "2:14: error: variable 'ready' has volatile-qualified type 'volatile int' "
          "[vcc-no-volatile]",
          "3:30: error: member 'done' has volatile-qualified type 'volatile bool' "
          "[vcc-no-volatile]",
          "4:24: error: parameter 'p' has volatile-qualified type 'volatile int *' "
          "[vcc-no-volatile]",
          "5:15: error: variable 'slot' has volatile-qualified type 'int *volatile' "
          "[vcc-no-volatile]",
          "6:23: error: cast to volatile-qualified type 'volatile int *' [vcc-no-volatile]"));
}

TEST(NoVolatileRule, FixItRemovesTheKeyword) {
  FrontendResult result = checkRules("volatile int ready = 0;\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const Diagnostic& diagnostic = result.diagnostics[0];
  ASSERT_EQ(diagnostic.fixIts.size(), 1u);
  EXPECT_EQ(diagnostic.fixIts[0].file, "service.cpp");
  EXPECT_EQ(diagnostic.fixIts[0].offset, 0u);
  EXPECT_EQ(diagnostic.fixIts[0].length, 9u); // "volatile "
  EXPECT_EQ(diagnostic.fixIts[0].replacement, "");
}

TEST(NoVolatileRule, AllowsConst) {
  FrontendResult result =
      checkRules("const int limit = 3;\nint get(const int* p) { return *p + limit; }\n");
  EXPECT_THAT(findings(result), IsEmpty());
}

// A header with what only vcc may use, in a vcc include directory and in the
// service's own.
class VccHeaderTest : public ::testing::Test {
protected:
  void SetUp() override {
    root_ = std::filesystem::path(::testing::TempDir()) / "vcc-frontend-vcc-header";
    std::filesystem::create_directories(root_ / "vcc");
    std::ofstream(root_ / "vcc" / "internal.hpp") << R"cpp(#pragma once
#include <atomic>
#include <thread>
namespace vcc::detail {
inline std::atomic<int> workers{0};
inline void spin() { asm volatile("" ::: "memory"); }
inline volatile int sink = 0;
inline unsigned threads() { return std::thread::hardware_concurrency(); }
}
)cpp";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  FrontendResult check(bool asVccHeader) {
    FrontendOptions options;
    options.source = "service.cpp";
    options.sourceText =
        "#include <vcc/internal.hpp>\nint f() { return vcc::detail::workers.load(); }\n";
    options.compilerWarnings = false;
    if (asVccHeader) {
      options.runtimeIncludeDir = root_;
    } else {
      options.includeDirs = {root_};
    }
    Analyses analyses;
    analyses.methodDiscovery = false;
    return analyzeService(options, analyses);
  }

  std::filesystem::path root_;
};

TEST_F(VccHeaderTest, VccHeadersMayUseThreadsAtomicsAsmAndVolatile) {
  FrontendResult result = check(true);
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

TEST_F(VccHeaderTest, TheServicesOwnHeadersMayNot) {
  FrontendResult result = check(false);
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result, "vcc-no-atomics"),
              ElementsAre("5:13: error: 'std::atomic' is an atomic type [vcc-no-atomics]"));
  EXPECT_THAT(findings(result, "vcc-no-inline-asm"),
              ElementsAre("6:22: error: inline assembly statement [vcc-no-inline-asm]"));
  EXPECT_THAT(findings(result, "vcc-no-volatile"),
              ElementsAre("7:21: error: variable 'sink' has volatile-qualified type 'volatile int' "
                          "[vcc-no-volatile]"));
  EXPECT_THAT(
      findings(result, "vcc-no-threads"),
      ElementsAre(
          "8:41: error: 'std::thread' is a thread or synchronizes threads [vcc-no-threads]"));
  EXPECT_EQ(result.diagnostics.front().position.file, (root_ / "vcc" / "internal.hpp").string());
}

} // namespace
} // namespace vcc::frontend::testing
