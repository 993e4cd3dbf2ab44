// Writes results to the response (fd 1, through printf) and progress
// messages to the debug log (fd 2, directly), interleaved; stdout must match
// between the VM and qemu, and the VM's stderr must contain the debug log.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "guest_io.h"

static void log_line(const char* prefix, uint64_t v) {
  char buf[96];
  int n = snprintf(buf, sizeof buf, "[debug] %s %llu\n", prefix, (unsigned long long)v);
  vcc_write_all(2, buf, (size_t)n);
}

int main(void) {
  uint64_t a = 0, b = 1;
  log_line("start", 0);
  for (int i = 1; i <= 60; i++) {
    uint64_t t = a + b;
    a = b;
    b = t;
    if (i % 10 == 0) {
      printf("fib(%d) = %llu\n", i, (unsigned long long)a);
      log_line("step", (uint64_t)i);
    }
  }
  static const char long_msg[] =
      "[debug] a longer message that spans several 32-byte blocks of guest memory, "
      "so that the VM has to return short counts to the write loop\n";
  vcc_write_all(2, long_msg, strlen(long_msg));
  printf("done\n");
  log_line("end", a);
  return 0;
}
