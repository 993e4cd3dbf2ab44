#include "Rule.hpp"

namespace vcc::frontend {

bool Rule::checks(clang::SourceLocation location) {
  switch (reporter_.origins().classify(location)) {
  case CodeOrigin::Service: return true;
  case CodeOrigin::Vcc: return !allowedInVccHeaders();
  case CodeOrigin::System:
  case CodeOrigin::None: return false;
  }
  return false;
}

void Rule::report(clang::SourceLocation location, const llvm::Twine& what,
                  const llvm::Twine& instead, llvm::ArrayRef<clang::FixItHint> fixIts) {
  if (!checks(location)) return;
  reporter_.error(location, name_, what, instead, fixIts);
}

} // namespace vcc::frontend
