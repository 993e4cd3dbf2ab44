// vcc-no-uninitialized-read: reading a variable before anything was
// stored in it. The value is whatever the stack or register held, which
// differs between the native binary and the RISC-V image.
//
// The rule has no matchers of its own: it adopts Clang's flow-sensitive
// uninitialized-values analysis (the analysis behind -Wuninitialized, run on
// the control-flow graph of every function), and reports its findings as
// errors of this rule. Clang reports a read that is uninitialized on every
// path to it (-Wuninitialized), or on a path through a branch the analysis
// can see (-Wsometimes-uninitialized); a variable initialized by its own
// value (-Wstatic-self-init); an uninitialized variable passed by const
// reference (-Wuninitialized-const-reference); and members read in a
// constructor before their initialization. Reads whose initialization
// depends on a loop running at least once (-Wconditional-uninitialized) are
// not reported: that analysis cannot tell loops that always run.
#include "Rule.hpp"

namespace vcc::frontend {
namespace {

class NoUninitializedReadRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(clang::ast_matchers::MatchFinder&) override {}
  void check(const clang::ast_matchers::MatchFinder::MatchResult&) override {}
};

constexpr llvm::StringRef kAdoptedWarnings[] = {"uninitialized", "sometimes-uninitialized",
                                                "static-self-init",
                                                "uninitialized-const-reference"};

} // namespace

extern const RuleDescriptor kNoUninitializedReadRule = {
    "vcc-no-uninitialized-read",
    "reads of variables before they are initialized (Clang's uninitialized-values analysis)",
    createRule<NoUninitializedReadRule>, kAdoptedWarnings,
    "initialize the variable where it is declared: an uninitialized read gives different values on "
    "the native "
    "and RISC-V targets"};

} // namespace vcc::frontend
