/* __vcc_start: the C half of start-up, called by _start (start.S) with gp
 * and sp set. */
#include <stdlib.h>

#include "runtime_internal.h"

extern char __bss_start[], __bss_end[];
extern char __tls_base[], __tbss_start[], __tbss_end[];

typedef void (*vcc_init_function)(void);
extern vcc_init_function __preinit_array_start[], __preinit_array_end[];
extern vcc_init_function __init_array_start[], __init_array_end[];

int main(int argc, char** argv);

/* The optimizer may turn this loop into a memset call; that is fine, since
 * memset needs neither .bss nor TLS. */
static void zero_range(char* begin, char* end) {
  for (char* p = begin; p < end; ++p) *p = 0;
}

static void run_all(vcc_init_function* begin, vcc_init_function* end) {
  for (vcc_init_function* f = begin; f < end; ++f) (*f)();
}

_Noreturn void __vcc_start(void) {
  /* Both loaders zero-fill .bss already; the image does not rely on it. */
  zero_range(__bss_start, __bss_end);

  /* The single thread's TLS block is the image's .tdata + .tbss in place
   * (vcc-rv64.ld); tp points at its start (RISC-V variant I, no TCB). */
  zero_range(__tbss_start, __tbss_end);
  __asm__ volatile("mv tp, %0" : : "r"(__tls_base) : "memory");

  run_all(__preinit_array_start, __preinit_array_end);
  run_all(__init_array_start, __init_array_end);

  /* exit runs atexit handlers and static destructors, then _exit flushes. */
  exit(main(0, NULL));
}
