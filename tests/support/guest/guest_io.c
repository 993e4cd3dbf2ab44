#include "guest_io.h"

#include <stdio.h>

long vcc_syscall3(long number, long a0, long a1, long a2) {
  register long r_a0 __asm__("a0") = a0;
  register long r_a1 __asm__("a1") = a1;
  register long r_a2 __asm__("a2") = a2;
  register long r_a7 __asm__("a7") = number;
  __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_a7) : "memory");
  return r_a0;
}

size_t vcc_read_input(void* buf, size_t capacity) {
  size_t total = 0;
  while (total < capacity) {
    long got = vcc_syscall3(VCC_SYS_READ, 0, (long)((char*)buf + total), (long)(capacity - total));
    if (got <= 0) break;
    total += (size_t)got;
  }
  return total;
}

void vcc_write_all(int fd, const void* buf, size_t n) {
  const char* p = (const char*)buf;
  while (n > 0) {
    long put = vcc_syscall3(VCC_SYS_WRITE, fd, (long)p, (long)n);
    if (put <= 0) _exit(120);
    p += put;
    n -= (size_t)put;
  }
}

// picolibc's tiny stdio: stdout is buffered here and flushed by _exit.
static char out_buffer[512];
static size_t out_used;

static void flush_stdout(void) {
  vcc_write_all(1, out_buffer, out_used);
  out_used = 0;
}

static int put_char(char c, FILE* file) {
  (void)file;
  if (out_used == sizeof out_buffer) flush_stdout();
  out_buffer[out_used++] = c;
  return (unsigned char)c;
}

// stderr is the debug log (fd 2), unbuffered.
static int put_debug_char(char c, FILE* file) {
  (void)file;
  vcc_write_all(2, &c, 1);
  return (unsigned char)c;
}

static FILE guest_stdout = FDEV_SETUP_STREAM(put_char, NULL, NULL, _FDEV_SETUP_WRITE);
static FILE guest_stderr = FDEV_SETUP_STREAM(put_debug_char, NULL, NULL, _FDEV_SETUP_WRITE);
FILE* const stdin = NULL;
FILE* const stdout = &guest_stdout;
FILE* const stderr = &guest_stderr;

_Noreturn void _exit(int code) {
  flush_stdout();
  vcc_syscall3(VCC_SYS_EXIT, code, 0, 0);
  __builtin_unreachable();
}
