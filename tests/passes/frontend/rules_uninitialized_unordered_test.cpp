// vcc-no-uninitialized-read, vcc-no-unordered-iteration.
#include "rules_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NoUninitializedReadRule, FlagsAReadBeforeAnyStore) {
  FrontendResult result = checkRules(R"cpp(
int f() {
  int x;
  return x + 1;
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result),
              ElementsAre("4:10: error: variable 'x' is uninitialized when used here "
                          "[vcc-no-uninitialized-read]"));
}

TEST(NoUninitializedReadRule, FlagsAReadThatABranchLeavesUninitialized) {
  FrontendResult result = checkRules(R"cpp(
int f(bool flag) {
  int x;
  if (flag) x = 1;
  return x;
}
)cpp");
  EXPECT_THAT(findings(result),
              ElementsAre("4:7: error: variable 'x' is used uninitialized whenever 'if' condition "
                          "is false [vcc-no-uninitialized-read]"));
}

TEST(NoUninitializedReadRule, NotesSayWhereAndHowToInitialize) {
  FrontendResult result = checkRules("int f() {\n  int x;\n  return x;\n}\n");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const Diagnostic& diagnostic = result.diagnostics[0];
  ASSERT_EQ(diagnostic.notes.size(), 2u);
  EXPECT_EQ(diagnostic.notes[0].message, "initialize the variable 'x'");
  EXPECT_EQ(diagnostic.notes[0].position.line, 2u);
  EXPECT_EQ(diagnostic.notes[1].message, "initialize the variable where it is declared: an "
                                         "uninitialized read gives different values on the "
                                         "native and RISC-V targets");
  ASSERT_EQ(diagnostic.fixIts.size(), 0u);
  EXPECT_EQ(diagnostic.rendered, "service.cpp:3:10: error: variable 'x' is uninitialized when used "
                                 "here [vcc-no-uninitialized-read]\n"
                                 "    3 |   return x;\n"
                                 "      |          ^\n"
                                 "service.cpp:2:8: note: initialize the variable 'x'\n"
                                 "    2 |   int x;\n"
                                 "      |        ^\n"
                                 "      |         = 0\n"
                                 "note: initialize the variable where it is declared: an "
                                 "uninitialized read gives different values on "
                                 "the native and RISC-V targets\n");
}

TEST(NoUninitializedReadRule, ReportsATemplateOnceForAllInstantiations) {
  FrontendResult result = checkRules(R"cpp(
template <class T> T twice(T x) { T y; return x + y; }
int g() { return twice(1) + int(twice(2.0)); }
)cpp");
  EXPECT_THAT(findings(result),
              ElementsAre("2:51: error: variable 'y' is uninitialized when used here "
                          "[vcc-no-uninitialized-read]"));
}

TEST(NoUninitializedReadRule, AllowsAssignmentBeforeUse) {
  FrontendResult result = checkRules(R"cpp(
int f(bool flag) {
  int x;
  x = 3;
  int y;
  if (flag) y = 1; else y = 2;
  return x + y;
}
)cpp");
  EXPECT_THAT(findings(result), IsEmpty());
}

TEST(NoUnorderedIterationRule, FlagsRangeForAndIteratorLoops) {
  FrontendResult result = checkRules(R"cpp(
#include <unordered_map>
#include <unordered_set>
int sum(const std::unordered_map<int, int>& counts) {
  int total = 0;
  for (const auto& [key, value] : counts) total = total * 31 + value;
  return total;
}
int first(const std::unordered_set<int>& keys) {
  for (auto it = keys.begin(); it != keys.end(); ++it) return *it;
  return 0;
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "6:3: error: range-based for loop over 'std::unordered_map<int, int>' depends on its "
          "unspecified iteration order [vcc-no-unordered-iteration]",
          "10:18: error: iterating 'std::unordered_set<int>' depends on its unspecified iteration "
          "order [vcc-no-unordered-iteration]"));
}

TEST(NoUnorderedIterationRule, FlagsRangesAlgorithms) {
  FrontendResult result = checkRules(R"cpp(
#include <algorithm>
#include <unordered_set>
void each(const std::unordered_set<int>& keys, int& last) {
  std::ranges::for_each(keys, [&](int key) { last = key; });
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "5:3: error: ranges algorithm over 'std::unordered_set<int>' depends on its unspecified "
          "iteration order [vcc-no-unordered-iteration]"));
}

TEST(NoUnorderedIterationRule, AllowsLookupsAndOrderedContainers) {
  FrontendResult result = checkRules(R"cpp(
#include <map>
#include <unordered_map>
int lookup(const std::unordered_map<int, int>& table, int key) {
  auto found = table.find(key);
  return found != table.end() ? found->second : table.count(key + 1) ? table.at(key + 1) : 0;
}
int sum(const std::map<int, int>& counts) {
  int total = 0;
  for (const auto& [key, value] : counts) total += value;
  return total;
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result), IsEmpty());
}

} // namespace
} // namespace vcc::frontend::testing
