// vcc-no-address-dependence: results that depend on where objects lie in
// memory. The native binary and the RISC-V image place the stack, the heap
// and globals at different addresses (and the native heap differs from run
// to run), so anything computed from an address value differs too:
// pointer-to-integer casts, ordering or hashing by pointer (std::less<T*>,
// std::set<T*>, std::map<T*, V>, std::hash<T*>, unordered containers and
// priority queues keyed by pointers or smart pointers, std::sort of
// pointers without a comparator, < on two pointers), printing pointers
// (%p), and reading the bytes of an object that holds an address (memcpy,
// memmove or memcmp of a pointer or of a struct with pointer members into
// or against plain bytes, a reinterpret_cast or C cast of its address to a
// pointer to bytes or integers, std::bit_cast of it, std::as_bytes of a
// span of pointers). Order and key by an index or an id stored in the
// object instead.
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

// Whether the bytes of a `type` object include an address: a pointer, a
// smart pointer, an array of them, a class with such a member or base, or
// a polymorphic class (its vtable pointer).
bool holdsAddress(clang::QualType type, unsigned depth = 0) {
  if (type.isNull() || depth > 16) return false;
  type = type.getCanonicalType().getNonReferenceType();
  if (isAddressLike(type)) return true;
  if (const clang::ArrayType* array = type->getAsArrayTypeUnsafe())
    return holdsAddress(array->getElementType(), depth + 1);
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr || (record = record->getDefinition()) == nullptr) return false;
  if (record->isPolymorphic()) return true;
  for (const clang::CXXBaseSpecifier& base : record->bases())
    if (holdsAddress(base.getType(), depth + 1)) return true;
  for (const clang::FieldDecl* field : record->fields())
    if (holdsAddress(field->getType(), depth + 1)) return true;
  return false;
}

// The type of the object an argument of memcpy & co. points at, seen
// through the conversions to void* (implicit and explicit); null when the
// argument is not a pointer.
clang::QualType objectBehind(const clang::Expr* argument) {
  clang::QualType type = argument->IgnoreParenCasts()->getType().getCanonicalType();
  if (const auto* pointer = type->getAs<clang::PointerType>()) return pointer->getPointeeType();
  return {};
}

// memcpy/memmove that copies an address into bytes that are not an address
// holder of their own, and memcmp/bcmp that compares the bytes of one.
AST_MATCHER(clang::CallExpr, readsAddressBytes) {
  const auto* callee = llvm::dyn_cast_or_null<clang::FunctionDecl>(Node.getCalleeDecl());
  if (callee == nullptr || !callee->getIdentifier() || Node.getNumArgs() < 2) return false;
  const clang::DeclContext* context = callee->getDeclContext()->getRedeclContext();
  if (!context->isTranslationUnit() && !callee->isInStdNamespace()) return false;
  llvm::StringRef name = callee->getName();
  name.consume_front("__builtin_");
  clang::QualType destination = objectBehind(Node.getArg(0));
  clang::QualType source = objectBehind(Node.getArg(1));
  if (name == "memcpy" || name == "memmove" || name == "mempcpy" || name == "memcpy_inline")
    return holdsAddress(source) && !holdsAddress(destination);
  if (name == "memcmp" || name == "bcmp") return holdsAddress(source) || holdsAddress(destination);
  return false;
}

// An explicit cast of a pointer to an address holder into a pointer to
// something else that is not void: reading a pointer's bytes through it.
AST_MATCHER(clang::ExplicitCastExpr, exposesAddressBytes) {
  if (Node.getCastKind() != clang::CK_BitCast) return false;
  const auto* target = Node.getType().getCanonicalType()->getAs<clang::PointerType>();
  if (target == nullptr || target->getPointeeType()->isVoidType() || holdsAddress(target->getPointeeType()))
    return false;
  return holdsAddress(objectBehind(Node.getSubExpr()));
}

// std::as_bytes / std::as_writable_bytes of a span of address holders.
AST_MATCHER(clang::CallExpr, spansAddressBytes) {
  const auto* callee = llvm::dyn_cast_or_null<clang::FunctionDecl>(Node.getCalleeDecl());
  if (callee == nullptr || !callee->isInStdNamespace() || !callee->getIdentifier() || Node.getNumArgs() != 1)
    return false;
  if (callee->getName() != "as_bytes" && callee->getName() != "as_writable_bytes") return false;
  const auto* span = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      Node.getArg(0)->getType().getCanonicalType()->getAsCXXRecordDecl());
  if (span == nullptr || span->getTemplateArgs().size() == 0) return false;
  const clang::TemplateArgument& element = span->getTemplateArgs()[0];
  return element.getKind() == clang::TemplateArgument::Type && holdsAddress(element.getAsType());
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

// A bit cast (__builtin_bit_cast, std::bit_cast) from an address holder to
// a type that holds none: the address as plain bits.
AST_MATCHER(clang::CastExpr, bitCastExposesAddress) {
  return Node.getCastKind() == clang::CK_LValueToRValueBitCast && holdsAddress(Node.getSubExpr()->getType()) &&
         !holdsAddress(Node.getType());
}
AST_MATCHER(clang::CallExpr, stdBitCastExposesAddress) {
  return Node.getNumArgs() == 1 && holdsAddress(Node.getArg(0)->getType()) && !holdsAddress(Node.getType());
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
    finder.addMatcher(castExpr(bitCastExposesAddress()).bind("bitcast"), this);
    finder.addMatcher(
        callExpr(callee(functionDecl(hasName("::std::bit_cast"))), stdBitCastExposesAddress()).bind("bitcast"), this);
    finder.addMatcher(callExpr(readsAddressBytes()).bind("bytes"), this);
    finder.addMatcher(explicitCastExpr(exposesAddressBytes()).bind("expose"), this);
    finder.addMatcher(callExpr(spansAddressBytes()).bind("span"), this);
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
      report(bitcast->getBeginLoc(), "an address bit-cast to '" + bitcast->getType().getAsString(policy) + "'",
             kInstead);
    } else if (const auto* bytes = result.Nodes.getNodeAs<clang::CallExpr>("bytes")) {
      const auto* callee = llvm::cast<clang::FunctionDecl>(bytes->getCalleeDecl());
      report(bytes->getBeginLoc(), "'" + callee->getName() + "' reads the bytes of an address", kInstead);
    } else if (const auto* expose = result.Nodes.getNodeAs<clang::ExplicitCastExpr>("expose")) {
      report(expose->getBeginLoc(),
             "cast to '" + expose->getType().getAsString(policy) + "' reads the bytes of an address", kInstead);
    } else if (const auto* span = result.Nodes.getNodeAs<clang::CallExpr>("span")) {
      const auto* callee = llvm::cast<clang::FunctionDecl>(span->getCalleeDecl());
      report(span->getBeginLoc(), "'std::" + callee->getName() + "' of a span of addresses", kInstead);
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
    "pointer-to-integer casts, ordering or hashing by pointer, containers keyed by pointers, printing pointers, "
    "reading the bytes of a pointer",
    createRule<NoAddressDependenceRule>};

} // namespace vcc::frontend
