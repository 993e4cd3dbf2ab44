// vcc-no-environment: the process environment and the machine's identity
// (variables, process ids, host names, processor counts) differ between a
// provider's machine and the fraud-proof VM.
#include "Rule.hpp"
#include "rules/LibraryFunctions.hpp"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kEnvironmentFunctions[] = {
    "getenv",   "secure_getenv", "setenv",      "unsetenv", "putenv",     "clearenv",
    "getpid",   "getppid",       "gettid",      "getuid",   "geteuid",    "getgid",
    "getegid",  "gethostname",   "uname",       "sysconf",  "get_nprocs", "get_nprocs_conf",
    "getlogin", "getcwd",        "sched_getcpu"};

constexpr llvm::StringRef kEnvironmentVariables[] = {"::environ", "::__environ", "::_environ"};

constexpr llvm::StringRef kInstead = "a method sees only its arguments: pass configuration in as "
                                     "an argument, or build it into the program";

class NoEnvironmentRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(MatchFinder& finder) override {
    finder.addMatcher(libraryFunctionReference(globalNames(kEnvironmentFunctions)), this);
    std::vector<llvm::StringRef> variables(std::begin(kEnvironmentVariables),
                                           std::end(kEnvironmentVariables));
    finder.addMatcher(
        declRefExpr(to(varDecl(hasAnyName(variables)).bind("variable"))).bind("reference"), this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    const auto* reference = result.Nodes.getNodeAs<clang::DeclRefExpr>("reference");
    if (const auto* variable = result.Nodes.getNodeAs<clang::VarDecl>("variable")) {
      report(reference->getBeginLoc(),
             "'" + variable->getNameAsString() + "' reads the process environment", kInstead);
      return;
    }
    const auto* function = result.Nodes.getNodeAs<clang::FunctionDecl>("function");
    if (!isLibraryFunction(*function)) return;
    bool variables = function->getName().ends_with("env");
    std::string name = spelledName(*reference, *result.Context);
    report(reference->getBeginLoc(),
           "'" + name + "' " +
               (variables ? "uses the process environment"
                          : "reads the machine's or the process's identity"),
           kInstead);
  }
};

} // namespace

extern const RuleDescriptor kNoEnvironmentRule = {
    "vcc-no-environment",
    "the environment and the machine: getenv, setenv, environ, getpid, gethostname, sysconf, "
    "getcwd",
    createRule<NoEnvironmentRule>};

} // namespace vcc::frontend
