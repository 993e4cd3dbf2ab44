// Static initialization and termination order: preinit_array,
// constructor priorities, C++ globals in declaration order, function-local
// statics, and at exit the reverse: atexit handlers and destructors, then
// the stdout flush.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

std::string trace;  // constructed before the objects below (same TU, earlier)

struct Noisy {
  explicit Noisy(const char* name) : name(name) {
    trace += name;
    trace += ' ';
  }
  ~Noisy() { std::printf("destroy %s\n", name); }
  const char* name;
};

int preinitCount = 0;
void preinit() { ++preinitCount; }
__attribute__((section(".preinit_array"), used)) void (*preinitEntry)() = preinit;

int early = 0;
__attribute__((constructor(101))) void earlyConstructor() { early = 101; }
__attribute__((constructor(200))) void laterConstructor() { early = early * 1000 + 200; }

Noisy first("first");
Noisy second("second");

int counter = 0;
int nextNumber() {
  static int base = (trace += "local-static ", 100);
  return base + ++counter;
}

void atExit() { std::printf("atexit handler\n"); }

uint64_t zeroed[1024];  // .bss: must read as zero

}  // namespace

int main() {
  std::printf("preinit %d, constructors %d\n", preinitCount, early);
  int a = nextNumber();
  int b = nextNumber();
  std::printf("local static: %d %d\n", a, b);
  std::printf("trace: %s\n", trace.c_str());
  uint64_t sum = 0;
  for (uint64_t word : zeroed) sum += word;
  std::printf("bss sum %llu\n", static_cast<unsigned long long>(sum));
  static Noisy inMain("in-main");
  std::atexit(atExit);
  std::printf("main returns 7\n");
  return 7;
}
