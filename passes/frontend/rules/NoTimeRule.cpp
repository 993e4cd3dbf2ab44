// vcc-no-time: reading a clock. The time differs between the provider's
// run and the fraud-proof VM's replay, so a method's result would too.
#include "Rule.hpp"
#include "rules/LibraryFunctions.hpp"

#include "clang/AST/DeclCXX.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kClockFunctions[] = {"time",
                                               "clock",
                                               "gettimeofday",
                                               "clock_gettime",
                                               "clock_getres",
                                               "timespec_get",
                                               "timespec_getres",
                                               "ftime",
                                               "localtime",
                                               "localtime_r",
                                               "times",
                                               "getrusage",
                                               "__rdtsc",
                                               "__rdtscp",
                                               "__builtin_readcyclecounter",
                                               "__builtin_ia32_rdtsc",
                                               "__builtin_ia32_rdtscp",
                                               "__builtin_readsteadycounter"};

constexpr llvm::StringRef kInstead = "a method's result must depend only on its arguments: pass "
                                     "the time in as an argument (for example a "
                                     "uint64 Unix timestamp)";

class NoTimeRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(MatchFinder& finder) override {
    finder.addMatcher(libraryFunctionReference(globalAndStdNames(kClockFunctions)), this);
    // Every std::chrono clock: system_clock, steady_clock, high_resolution_clock,
    // file_clock, utc_clock, tai_clock, gps_clock.
    finder.addMatcher(
        declRefExpr(
            to(cxxMethodDecl(hasName("now"),
                             ofClass(cxxRecordDecl(matchesName("^::std::chrono::")).bind("clock")))
                   .bind("now")))
            .bind("reference"),
        this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    const auto* reference = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference");
    if (const auto* clock = result.Nodes.getNodeAs<clang::CXXRecordDecl>("clock")) {
      report(reference->getBeginLoc(),
             "'std::chrono::" + clock->getName() + "::now' reads the clock", kInstead);
      return;
    }
    const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function");
    if (!isLibraryFunction(*function)) return;
    report(reference->getBeginLoc(),
           "'" + spelledName(*reference, *result.Context) + "' reads the clock", kInstead);
  }
};

} // namespace

extern const RuleDescriptor kNoTimeRule = {
    "vcc-no-time",
    "time and clocks: time, clock, gettimeofday, clock_gettime, std::chrono clocks' now(), rdtsc",
    createRule<NoTimeRule>};

} // namespace vcc::frontend
