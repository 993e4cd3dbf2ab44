/* Deterministic failure: abort, assert, the out-of-memory exit.
 *
 * A failure flushes stdout and stderr, writes one message to the debug log
 * (fd 2) and then either executes ebreak (a bug in the program: vcc's VM
 * ends with trap `breakpoint`, qemu-riscv64 with SIGTRAP) or exits with a
 * documented code (running out of the fixed heap). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vcc/guest/exit_codes.h>

#include "runtime_internal.h"

static void log_text(const char* text) { __vcc_write_all(2, text, strlen(text)); }

_Noreturn void __vcc_trap(const char* message) {
  __vcc_flush_stdio();
  log_text(message);
  for (;;) __asm__ volatile("ebreak");
}

_Noreturn void __vcc_out_of_memory(size_t requested) {
  char message[96];
  snprintf(message, sizeof message, "vcc: out of memory (allocating %lu bytes)\n",
           (unsigned long)requested);
  __vcc_flush_stdio();
  log_text(message);
  __vcc_sys_exit(VCC_EXIT_OUT_OF_MEMORY);
}

void abort(void) { __vcc_trap("vcc: abort() called\n"); }

/* picolibc's assert() lands here. */
void __assert_func(const char* file, int line, const char* function, const char* expression) {
  char message[512];
  snprintf(message, sizeof message, "%s:%d: %s: assertion `%s' failed\n", file, line,
           function ? function : "?", expression);
  __vcc_trap(message);
}
