// The determinism rules (SPEC §4), in the order docs/passes.md lists them.
// A new rule is a new file in rules/ defining its RuleDescriptor, and one
// line here.
#include "Rule.hpp"

namespace vcc::frontend {

extern const RuleDescriptor kNoTimeRule;
extern const RuleDescriptor kNoRandomRule;
extern const RuleDescriptor kNoEnvironmentRule;
extern const RuleDescriptor kNoIoRule;
extern const RuleDescriptor kNoThreadsRule;
extern const RuleDescriptor kNoAtomicsRule;
extern const RuleDescriptor kNoInlineAsmRule;
extern const RuleDescriptor kNoVolatileRule;
extern const RuleDescriptor kNoUninitializedReadRule;
extern const RuleDescriptor kNoUnorderedIterationRule;
extern const RuleDescriptor kNoLibmTranscendentalRule;
extern const RuleDescriptor kNoLongDoubleRule;
extern const RuleDescriptor kNoTargetConditionalsRule;
extern const RuleDescriptor kNoAddressDependenceRule;
extern const RuleDescriptor kKernelLambdaAccessRule;

llvm::ArrayRef<const RuleDescriptor*> allRules() {
  static const RuleDescriptor* const kRules[] = {&kNoTimeRule,
                                                 &kNoRandomRule,
                                                 &kNoEnvironmentRule,
                                                 &kNoIoRule,
                                                 &kNoThreadsRule,
                                                 &kNoAtomicsRule,
                                                 &kNoInlineAsmRule,
                                                 &kNoVolatileRule,
                                                 &kNoUninitializedReadRule,
                                                 &kNoUnorderedIterationRule,
                                                 &kNoLibmTranscendentalRule,
                                                 &kNoLongDoubleRule,
                                                 &kNoTargetConditionalsRule,
                                                 &kNoAddressDependenceRule,
                                                 &kKernelLambdaAccessRule};
  return kRules;
}

} // namespace vcc::frontend
