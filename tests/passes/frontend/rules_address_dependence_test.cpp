// vcc-no-address-dependence: results computed from where objects lie in
// memory (casts to integers, ordering and hashing by pointer, containers
// keyed by pointers, %p) are flagged; the same work keyed by ids, pointers
// used only to reach objects, and == on pointers pass.
#include "rules_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr const char* kRule = "vcc-no-address-dependence";

TEST(NoAddressDependenceRule, FlagsCastsOfPointersToIntegers) {
  FrontendResult result = checkRules(R"cpp(
#include <bit>
#include <cstdint>
struct Node { int id; };
uint64_t a(Node* n) { return reinterpret_cast<uintptr_t>(n); }
uint64_t b(Node* n) { return (uint64_t)n; }
uint64_t c(Node* n) { return std::bit_cast<uint64_t>(n); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  std::vector<std::string> found = findings(result, kRule);
  ASSERT_THAT(found, SizeIs(3));
  EXPECT_THAT(found[0], HasSubstr("5:30: error: pointer converted to the integer type"));
  EXPECT_THAT(found[1], HasSubstr("6:30: error: pointer converted to the integer type"));
  EXPECT_THAT(found[2], HasSubstr("7:30: error: an address bit-cast to"));
}

TEST(NoAddressDependenceRule, FlagsContainersAndFunctionObjectsKeyedByPointers) {
  FrontendResult result = checkRules(R"cpp(
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <unordered_map>
struct Node { int id; };
std::set<Node*> visited;
std::map<const Node*, int> depth;
std::unordered_map<Node*, int> seen;
std::set<std::shared_ptr<Node>> owners;
std::priority_queue<Node*> queue;
bool before(Node* a, Node* b) { return std::less<Node*>{}(a, b); }
size_t hashOf(Node* a) { return std::hash<Node*>{}(a); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  std::vector<std::string> found = findings(result, kRule);
  ASSERT_THAT(found, SizeIs(7));
  EXPECT_THAT(found[0], HasSubstr("9:1: error: 'std::set<Node *>' orders or hashes by address"));
  EXPECT_THAT(found[1], HasSubstr("10:1: error:"));
  EXPECT_THAT(found[2], HasSubstr("11:1: error:"));
  EXPECT_THAT(found[3], HasSubstr("12:1: error:"));
  EXPECT_THAT(found[4], HasSubstr("13:1: error:"));
  EXPECT_THAT(found[5], HasSubstr("14:40: error: 'std::less<Node *>'"));
  EXPECT_THAT(found[6], HasSubstr("15:33: error: 'std::hash<Node *>'"));
}

TEST(NoAddressDependenceRule, FlagsOrderingPointersAndPrintingThem) {
  FrontendResult result = checkRules(R"cpp(
#include <algorithm>
#include <compare>
#include <cstdio>
#include <functional>
#include <vector>
struct Node { int id; };
bool earlier(const Node* a, const Node* b) { return a < b; }
void sortNodes(std::vector<Node*>& nodes) { std::sort(nodes.begin(), nodes.end()); }
const Node* first(const Node* a, const Node* b) { return std::min(a, b); }
void show(char* out, const Node* n) { std::snprintf(out, 32, "node at %p, %d%%", (const void*)n, n->id); }
bool transparent(const Node* a, const Node* b) { return std::less<>{}(a, b); }
auto spaceship(const Node* a, const Node* b) { return a <=> b; }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  std::vector<std::string> found = findings(result, kRule);
  ASSERT_THAT(found, SizeIs(6));
  EXPECT_THAT(found[0], HasSubstr("8:55: error: '<' between two pointers"));
  EXPECT_THAT(found[1], HasSubstr("9:45: error: 'std::sort' orders pointers by address"));
  EXPECT_THAT(found[2], HasSubstr("10:58: error: 'std::min' orders pointers by address"));
  EXPECT_THAT(found[3], HasSubstr("11:39: error: '%p' prints an address"));
  EXPECT_THAT(found[4], HasSubstr("12:57: error: 'std::less<void>' applied to two pointers"));
  EXPECT_THAT(found[5], HasSubstr("13:57: error: '<=>' between two pointers"));
}

TEST(NoAddressDependenceRule, FlagsReadingTheBytesOfAnAddress) {
  FrontendResult result = checkRules(R"cpp(
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>
struct Node { int id; Node* next; };
struct Wrapped { const void* where; };
struct Shape { virtual ~Shape() = default; int sides = 3; };
uint64_t a(const void* p) { uint64_t bits; std::memcpy(&bits, &p, sizeof bits); return bits; }
uint64_t b(const Node& n) { unsigned char out[16]; memcpy(out, (const void*)&n, sizeof n); return out[9]; }
uint64_t c(Node* n) { uint64_t bits; __builtin_memmove(&bits, &n, 8); return bits; }
bool d(Node* x, Node* y) { return std::memcmp(&x, &y, sizeof x) < 0; }
uint8_t e(Node* n) { return reinterpret_cast<const uint8_t*>(&n)[3]; }
uint64_t f(const Node& n) { return *(const uint64_t*)&n; }
uint64_t g(Wrapped w) { return std::bit_cast<uint64_t>(w); }
size_t h(std::span<Node*> nodes) { return size_t(std::as_bytes(nodes)[5]); }
uint8_t i(const Shape& s) { return static_cast<const uint8_t*>(static_cast<const void*>(&s))[0]; }
uint64_t j(const std::vector<int>& v) { uint64_t bits[3]; std::memcpy(bits, &v, sizeof bits); return bits[0]; }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  std::vector<std::string> found = findings(result, kRule);
  ASSERT_THAT(found, SizeIs(10));
  EXPECT_THAT(found[0], HasSubstr("10:44: error: 'memcpy' reads the bytes of an address"));
  EXPECT_THAT(found[1], HasSubstr("11:52: error: 'memcpy' reads the bytes of an address"));
  EXPECT_THAT(found[2], HasSubstr("12:38: error: '__builtin_memmove' reads the bytes of an address"));
  EXPECT_THAT(found[3], HasSubstr("13:35: error: 'memcmp' reads the bytes of an address"));
  EXPECT_THAT(found[4], HasSubstr("14:29: error: cast to 'const uint8_t *'"));
  EXPECT_THAT(found[5], HasSubstr("15:37: error: cast to 'const uint64_t *'"));
  EXPECT_THAT(found[6], HasSubstr("16:32: error: an address bit-cast to"));
  EXPECT_THAT(found[7], HasSubstr("17:50: error: 'std::as_bytes' of a span of addresses"));
  EXPECT_THAT(found[8], HasSubstr("18:36: error: cast to 'const uint8_t *'"));
  EXPECT_THAT(found[9], HasSubstr("19:59: error: 'memcpy' reads the bytes of an address"));
}

TEST(NoAddressDependenceRule, AcceptsCopiesOfBytesAndOfAddressesAsAddresses) {
  FrontendResult result = checkRules(R"cpp(
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>
struct Node { int id; Node* next; };
struct Plain { uint32_t a, b; };
uint32_t a(const std::vector<uint8_t>& data) { uint32_t head; std::memcpy(&head, data.data(), 4); return head; }
Node* b(Node* n) { Node* copy; std::memcpy(&copy, &n, sizeof copy); return copy; }
void c(Node* to, const Node* from) { std::memcpy(to, from, sizeof *to); }
uint64_t d(Plain p) { return std::bit_cast<uint64_t>(p); }
bool e(const Plain& x, const Plain& y) { return std::memcmp(&x, &y, sizeof x) == 0; }
uint8_t f(const Plain& p) { return reinterpret_cast<const uint8_t*>(&p)[1]; }
size_t g(std::span<const uint32_t> words) { return size_t(std::as_bytes(words)[1]); }
const void* h(Node* n) { return static_cast<const void*>(n); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result, kRule), IsEmpty());
}

TEST(NoAddressDependenceRule, AcceptsKeysAndComparatorsThatAreNotAddresses) {
  FrontendResult result = checkRules(R"cpp(
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <vector>
struct Node { int id; };
std::set<int> visited;
std::map<int, Node*> byId;
std::vector<std::unique_ptr<Node>> owned;
bool same(const Node* a, const Node* b) { return a == b; }
void sortNodes(std::vector<Node*>& nodes) {
  std::sort(nodes.begin(), nodes.end(), [](const Node* a, const Node* b) { return a->id < b->id; });
}
int sum(const int* begin, const int* end) { int s = 0; for (const int* p = begin; p != end; ++p) s += *p; return s; }
void show(char* out, const Node* n) { std::snprintf(out, 32, "node %d, 100%%p", n->id); }
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result, kRule), IsEmpty());
}

} // namespace
} // namespace vcc::frontend::testing
