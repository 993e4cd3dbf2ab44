// vcc-no-threads: threads and their synchronization outside vcc's stdlib.
// The fraud-proof VM runs one thread; parallel work goes through the kernel
// API (vcc::parallel_for, fixed-tree reductions), whose results do not
// depend on the schedule.
#include "Rule.hpp"
#include "rules/LibraryFunctions.hpp"
#include "rules/SpelledTypes.hpp"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kThreadClasses[] = {"::std::thread",
                                              "::std::jthread",
                                              "::std::mutex",
                                              "::std::recursive_mutex",
                                              "::std::timed_mutex",
                                              "::std::recursive_timed_mutex",
                                              "::std::shared_mutex",
                                              "::std::shared_timed_mutex",
                                              "::std::condition_variable",
                                              "::std::condition_variable_any",
                                              "::std::lock_guard",
                                              "::std::unique_lock",
                                              "::std::scoped_lock",
                                              "::std::shared_lock",
                                              "::std::once_flag",
                                              "::std::future",
                                              "::std::shared_future",
                                              "::std::promise",
                                              "::std::packaged_task",
                                              "::std::counting_semaphore",
                                              "::std::latch",
                                              "::std::barrier",
                                              "::std::stop_source",
                                              "::std::stop_token"};

// std::async, std::call_once, std::this_thread::*, and the C and POSIX thread APIs.
constexpr llvm::StringRef kThreadFunctionPattern =
    "^::(std::(async|call_once|this_thread::.*)|pthread_.*|thrd_.*|mtx_.*|cnd_.*|call_once|sched_"
    "yield)$";

constexpr llvm::StringRef kInstead = "write data-parallel work with vcc::parallel_for and the "
                                     "stdlib's reductions (vcc/kernel.hpp), which "
                                     "give the same result on every backend";

class NoThreadsRule : public Rule {
public:
  using Rule::Rule;

  bool allowedInVccHeaders() const override { return true; }

  void registerMatchers(MatchFinder& finder) override {
    std::vector<llvm::StringRef> classes(std::begin(kThreadClasses), std::end(kThreadClasses));
    finder.addMatcher(spelledClass(namedDecl(hasAnyName(classes))), this);
    finder.addMatcher(
        declRefExpr(to(functionDecl(matchesName(kThreadFunctionPattern)).bind("function")))
            .bind("reference"),
        this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    if (const auto* type = result.Nodes.getNodeAs<clang::TypeLoc>("type")) {
      if (!isReportedSpelling(*type)) return;
      const auto* named = result.Nodes.getNodeAs<clang::NamedDecl>("class");
      report(type->getBeginLoc(),
             "'" + spelledTypeName(*type, *named) + "' is a thread or synchronizes threads",
             kInstead);
      return;
    }
    const auto* reference = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference");
    const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function");
    if (!isLibraryFunction(*function)) return;
    report(reference->getBeginLoc(),
           "'" + spelledName(*reference, *result.Context) +
               "' starts, schedules or synchronizes threads",
           kInstead);
  }
};

} // namespace

extern const RuleDescriptor kNoThreadsRule = {
    "vcc-no-threads",
    "threads outside vcc's headers: std::thread, std::jthread, std::mutex, std::async, "
    "std::this_thread, pthread_*",
    createRule<NoThreadsRule>};

} // namespace vcc::frontend
