// The failure paths that end in ebreak (vcc's VM: trap `breakpoint`;
// qemu-riscv64: SIGTRAP), each after one message on the debug log. The
// first request byte picks the failure.
#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <variant>
#include <vector>
#include <vcc/guest/io.h>

namespace {

struct Base {
  Base() { callHook(); }
  virtual ~Base() = default;
  void callHook() { hook(); }  // in Base's constructor: the pure virtual itself
  virtual void hook() = 0;
};
struct Derived : Base {
  void hook() override {}
};

int recurse(int depth);
int recursiveStatic(int depth) {
  static int value = recurse(depth);  // initializing it re-enters the initialization
  return value;
}
int recurse(int depth) { return depth > 3 ? depth : recursiveStatic(depth + 1); }

}  // namespace

int main() {
  char choice = 0;
  vcc_read_request(&choice, 1);
  std::printf("before failure '%c'\n", choice);  // flushed before the message
  volatile int two = 2;
  std::vector<int> small(3);
  switch (choice) {
    case 'a': std::abort();
    case 's': assert(two == 3); break;
    case 'p': { Derived d; } break;
    case 'v': return small.at(10);
    case 'o': return std::optional<int>().value();
    case 'n': return std::get<int>(std::variant<int, double>(2.0));
    case 'i': return std::stoi("not a number");
    case 'r': return recursiveStatic(0);
    default: break;
  }
  std::printf("no failure\n");
  return 0;
}
