// vcc-no-address-dependence: results that depend on where objects lie in
// memory. The native binary and the RISC-V image place the stack, the heap
// and globals at different addresses (and the native heap differs from run
// to run), so anything computed from an address value differs too:
// pointer-to-integer casts, ordering or hashing by pointer (std::less<T*>,
// std::set<T*>, std::map<T*, V>, std::hash<T*>, unordered containers and
// priority queues keyed by pointers or smart pointers, std::sort of
// pointers without a comparator, < on two pointers) and printing pointers
// (%p). Order and key by an index or an id stored in the object instead.
#include "Rule.hpp"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/TemplateBase.h"

namespace vcc::frontend {
namespace {

using namespace clang::ast_matchers;

constexpr llvm::StringRef kInstead =
    "addresses differ between the native binary and the VM image: order, key or hash by an index or an id "
    "stored in the object instead";

// Raw pointers and the smart pointers whose order and hash are their address.
bool isAddressLike(clang::QualType type) {
  type = type.getCanonicalType().getNonReferenceType();
  if (type->isPointerType() || type->isMemberPointerType() || type->isNullPtrType()) return true;
  if (const auto* record = type->getAsCXXRecordDecl()) {
    if (!record->isInStdNamespace()) return false;
    llvm::StringRef name = record->getName();
    return name == "unique_ptr" || name == "shared_ptr" || name == "weak_ptr";
  }
  return false;
}

// The element type an iterator (a pointer or a class with value_type) visits.
clang::QualType valueTypeOf(clang::QualType iterator) {
  iterator = iterator.getCanonicalType().getNonReferenceType();
  if (const auto* pointer = iterator->getAs<clang::PointerType>()) return pointer->getPointeeType();
  if (const auto* record = iterator->getAsCXXRecordDecl()) {
    for (const clang::Decl* member : record->decls())
      if (const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(member))
        if (alias->getName() == "value_type") return alias->getUnderlyingType();
  }
  return {};
}

AST_MATCHER(clang::ClassTemplateSpecializationDecl, keyedByAddress) {
  const clang::TemplateArgumentList& arguments = Node.getTemplateArgs();
  return arguments.size() > 0 && arguments[0].getKind() == clang::TemplateArgument::Type &&
         isAddressLike(arguments[0].getAsType());
}

AST_MATCHER(clang::BinaryOperator, comparesPointers) {
  return (Node.isRelationalOp() || Node.getOpcode() == clang::BO_Cmp) &&
         Node.getLHS()->IgnoreImpCasts()->getType()->isPointerType() &&
         Node.getRHS()->IgnoreImpCasts()->getType()->isPointerType();
}

// A transparent comparison object (std::less<>, std::ranges::less,
// std::compare_three_way, ...) called on two pointers.
AST_MATCHER(clang::CXXOperatorCallExpr, ordersPointersTransparently) {
  if (Node.getOperator() != clang::OO_Call || Node.getNumArgs() != 3) return false;
  const clang::CXXRecordDecl* object = Node.getArg(0)->getType()->getAsCXXRecordDecl();
  if (object == nullptr || !object->isInStdNamespace() || !object->getIdentifier()) return false;
  static constexpr llvm::StringRef kOrders[] = {"less", "greater", "less_equal", "greater_equal",
                                                "compare_three_way"};
  if (!llvm::is_contained(kOrders, object->getName())) return false;
  // std::less<T*> itself is reported where its type is written.
  if (const auto* specialization = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(object)) {
    const clang::TemplateArgumentList& arguments = specialization->getTemplateArgs();
    if (arguments.size() > 0 && arguments[0].getKind() == clang::TemplateArgument::Type &&
        !arguments[0].getAsType()->isVoidType())
      return false;
  }
  return isAddressLike(Node.getArg(1)->getType()) && isAddressLike(Node.getArg(2)->getType());
}

// Algorithms called without a comparator: the element type's own order.
AST_MATCHER(clang::CallExpr, ordersAddressesByDefault) {
  const auto* callee = llvm::dyn_cast_or_null<clang::FunctionDecl>(Node.getCalleeDecl());
  if (callee == nullptr || !callee->isInStdNamespace() || !callee->getIdentifier()) return false;
  llvm::StringRef name = callee->getName();
  unsigned arguments = Node.getNumArgs();
  if (arguments == 0) return false;
  clang::QualType first = Node.getArg(0)->getType();
  if (name == "min" || name == "max" || name == "minmax")
    return arguments == 2 && isAddressLike(first);
  static constexpr llvm::StringRef kRangeAlgorithms[] = {"sort", "stable_sort", "is_sorted", "min_element",
                                                         "max_element", "minmax_element", "nth_element",
                                                         "partial_sort"};
  for (llvm::StringRef algorithm : kRangeAlgorithms)
    if (name == algorithm) {
      unsigned withoutComparator = name == "nth_element" || name == "partial_sort" ? 3 : 2;
      clang::QualType element = valueTypeOf(first);
      return arguments == withoutComparator && !element.isNull() && isAddressLike(element);
    }
  return false;
}

AST_MATCHER(clang::CallExpr, printsPointer) {
  const auto* callee = llvm::dyn_cast_or_null<clang::FunctionDecl>(Node.getCalleeDecl());
  if (callee == nullptr || !callee->getIdentifier()) return false;
  llvm::StringRef name = callee->getName();
  unsigned formatIndex = name == "printf" ? 0 : name == "fprintf" || name == "sprintf" ? 1 : name == "snprintf" ? 2 : 99;
  if (formatIndex >= Node.getNumArgs()) return false;
  const auto* literal = llvm::dyn_cast<clang::StringLiteral>(Node.getArg(formatIndex)->IgnoreParenImpCasts());
  if (literal == nullptr || !literal->isOrdinary()) return false;
  llvm::StringRef format = literal->getString();
  for (size_t at = format.find('%'); at != llvm::StringRef::npos; at = format.find('%', at + 1)) {
    size_t end = at + 1;
    while (end < format.size() && llvm::StringRef("-+ #0123456789.*hlzjt").contains(format[end])) ++end;
    if (end < format.size() && format[end] == '%') {
      at = end;
      continue;
    }
    if (end < format.size() && format[end] == 'p') return true;
  }
  return false;
}

class NoAddressDependenceRule : public Rule {
public:
  using Rule::Rule;

  void registerMatchers(MatchFinder& finder) override {
    finder.addMatcher(castExpr(hasCastKind(clang::CK_PointerToIntegral)).bind("cast"), this);
    finder.addMatcher(
        castExpr(hasCastKind(clang::CK_LValueToRValueBitCast), hasSourceExpression(hasType(pointerType())))
            .bind("bitcast"),
        this);
    finder.addMatcher(
        callExpr(callee(functionDecl(hasName("::std::bit_cast"))), hasArgument(0, hasType(pointerType())))
            .bind("bitcast"),
        this);
    finder.addMatcher(
        typeLoc(loc(qualType(hasDeclaration(classTemplateSpecializationDecl(
                    hasAnyName("::std::less", "::std::greater", "::std::less_equal", "::std::greater_equal",
                               "::std::hash", "::std::set", "::std::multiset", "::std::map", "::std::multimap",
                               "::std::unordered_set", "::std::unordered_multiset", "::std::unordered_map",
                               "::std::unordered_multimap", "::std::priority_queue"),
                    keyedByAddress())))))
            .bind("keyed"),
        this);
    finder.addMatcher(binaryOperator(comparesPointers()).bind("compare"), this);
    finder.addMatcher(cxxOperatorCallExpr(ordersPointersTransparently()).bind("transparent"), this);
    finder.addMatcher(callExpr(ordersAddressesByDefault()).bind("algorithm"), this);
    finder.addMatcher(callExpr(printsPointer()).bind("print"), this);
  }

  void check(const MatchFinder::MatchResult& result) override {
    const clang::PrintingPolicy& policy = result.Context->getPrintingPolicy();
    if (const auto* cast = result.Nodes.getNodeAs<clang::CastExpr>("cast")) {
      report(cast->getBeginLoc(), "pointer converted to the integer type '" + cast->getType().getAsString(policy) + "'",
             kInstead);
    } else if (const auto* bitcast = result.Nodes.getNodeAs<clang::Expr>("bitcast")) {
      report(bitcast->getBeginLoc(), "pointer bit-cast to '" + bitcast->getType().getAsString(policy) + "'", kInstead);
    } else if (const auto* keyed = result.Nodes.getNodeAs<clang::TypeLoc>("keyed")) {
      // A written type is an ElaboratedTypeLoc around the template's own
      // TypeLoc: report the outer one, as spelled (`std::set<Node *>`).
      if (keyed->getTypeLocClass() != clang::TypeLoc::Elaborated) return;
      if (reported_.insert(keyed->getBeginLoc().getRawEncoding()).second)
        report(keyed->getBeginLoc(),
               "'" + keyed->getType().getAsString(policy) + "' orders or hashes by address", kInstead);
    } else if (const auto* compare = result.Nodes.getNodeAs<clang::BinaryOperator>("compare")) {
      report(compare->getOperatorLoc(),
             "'" + compare->getOpcodeStr() + "' between two pointers depends on where the objects lie", kInstead);
    } else if (const auto* transparent = result.Nodes.getNodeAs<clang::CXXOperatorCallExpr>("transparent")) {
      report(transparent->getBeginLoc(),
             "'" + transparent->getArg(0)->getType().getUnqualifiedType().getAsString(policy) +
                 "' applied to two pointers orders them by address",
             kInstead);
    } else if (const auto* call = result.Nodes.getNodeAs<clang::CallExpr>("algorithm")) {
      const auto* callee = llvm::cast<clang::FunctionDecl>(call->getCalleeDecl());
      report(call->getBeginLoc(), "'std::" + callee->getName() + "' orders pointers by address", kInstead);
    } else if (const auto* print = result.Nodes.getNodeAs<clang::CallExpr>("print")) {
      report(print->getBeginLoc(), "'%p' prints an address", kInstead);
    }
  }

private:
  llvm::DenseSet<unsigned> reported_;
};

} // namespace

extern const RuleDescriptor kNoAddressDependenceRule = {
    "vcc-no-address-dependence",
    "pointer-to-integer casts, ordering or hashing by pointer, containers keyed by pointers, printing pointers",
    createRule<NoAddressDependenceRule>};

} // namespace vcc::frontend
