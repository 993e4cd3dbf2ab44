// printf and snprintf of doubles and integers through picolibc's tiny
// stdio. Its %e/%f/%g print the shortest digits that round-trip (at most
// 17 significant, then zeros), not glibc's exact expansion: the expected
// output (tests/guest/expected/printf.txt) records that behaviour.
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <limits>

int main() {
  volatile double third = 1.0 / 3.0, tenth = 0.1;
  std::printf("%%g: %g %g %g %g\n", third, tenth, 1e-5, 123456789.0);
  std::printf("%%.17g: %.17g %.17g\n", third, tenth);
  std::printf("%%f: %f %.2f %.10f %.0f\n", 1234.5678, 2.675, third, 0.5);
  std::printf("%%e: %e %.3e %E\n", 6.02214076e23, -1.602176634e-19, 1e-310);
  std::printf("%%a: %a %a\n", 1.0, -0.1);
  std::printf("large: %.0f %f\n", 1e22, 1e300);
  std::printf("special: %f %f %f %e\n", std::numeric_limits<double>::infinity(),
              -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
              -0.0);
  std::printf("float: %f %g\n", static_cast<double>(0.1f), static_cast<double>(16777217.0f));
  std::printf("width: [%10.3f] [%-10.3f] [%+.2f] [%010.4f]\n", 3.14159, 3.14159, 2.5, -1.5);
  std::printf("integers: %d %i %u %ld %lld %x %X %o %c %s %%\n", -42, 42, 4000000000u, -1L,
              static_cast<long long>(INT64_MIN), 0xbeefu, 0xbeefu, 8u, 'z', "str");
  std::printf("inttypes: %" PRIu64 " %" PRId32 " %" PRIx64 "\n", UINT64_MAX, INT32_MIN,
              static_cast<uint64_t>(0x0123456789abcdefull));
  char buffer[16];
  int length = std::snprintf(buffer, sizeof buffer, "%s-%d-%.3f", "truncated", 123456, 1.5);
  std::printf("snprintf: \"%s\" wanted %d\n", buffer, length);
  return 0;
}
