// vcc-external-calls: the default allow list covers what services need from
// the C and C++ libraries on both targets: memory and string functions, the
// heap, exact libm, the guest's I/O, and the containers' out-of-line parts
// (libc++ on both targets), at -O0 and -O2.
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: error

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

extern "C" {
void vcc_write_response(const void* data, std::size_t size);
void vcc_debug_print(const char* text);
}

struct Shape {
  virtual ~Shape() = default;
  virtual int corners() const = 0;
};
struct Square : Shape {
  int corners() const override { return 4; }
};

int containers(int n, std::span<const std::uint8_t> bytes) {
  std::vector<int> values(static_cast<std::size_t>(n));
  std::iota(values.begin(), values.end(), 0);
  std::sort(values.begin(), values.end(), std::greater<>());
  std::stable_sort(values.begin(), values.end());
  std::map<std::string, int> byName{{"a", 1}};
  std::set<int> unique(values.begin(), values.end());
  std::unordered_map<std::string, int> lookup;
  lookup["x"] = 2;
  std::string text = "value: ";
  text += std::to_string(n);
  text.append(std::string_view("!"));
  text = text.substr(1, 3);
  auto square = std::make_shared<Square>();
  std::unique_ptr<Shape> owned = std::make_unique<Square>();
  std::function<int(int)> addCorners = [&](int x) { return x + square->corners(); };
  std::optional<int> maybe = n;
  std::variant<int, double> either = 2.0;
  std::deque<int> queue(3);
  std::list<int> chain(3);
  std::array<std::uint8_t, 4> head{};
  std::memcpy(head.data(), bytes.data(), std::min<std::size_t>(head.size(), bytes.size()));
  void* scratch = std::malloc(16);
  std::memset(scratch, 0, 16);
  std::free(scratch);
  auto* boxed = new int(n);
  int boxedValue = *boxed;
  delete boxed;
  vcc_debug_print("containers done");
  vcc_write_response(text.data(), text.size());
  return values[0] + byName["a"] + static_cast<int>(unique.size()) + lookup["x"] +
         addCorners(1) + *maybe + static_cast<int>(std::get<double>(either)) + owned->corners() +
         static_cast<int>(queue.size() + chain.size()) + head[0] + boxedValue +
         static_cast<int>(std::strlen(text.c_str()));
}
