// Exits with a non-zero code: the decimal number in the request, or 42
// when the request is empty. The VM reports the code & 0xff, like Linux.
#include <stdio.h>

#include "guest_io.h"

int main(void) {
  char buf[64];
  size_t n = vcc_read_input(buf, sizeof buf - 1);
  buf[n] = 0;
  long code = 42;
  if (n > 0) {
    int neg = 0;
    const char* p = buf;
    while (*p == ' ') p++;
    if (*p == '-') {
      neg = 1;
      p++;
    }
    code = 0;
    while (*p >= '0' && *p <= '9') code = code * 10 + (*p++ - '0');
    if (neg) code = -code;
  }
  printf("exiting with %ld (status %ld)\n", code, code & 0xff);
  return (int)code;
}
