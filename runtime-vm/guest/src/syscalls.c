/* System calls (Linux riscv64 numbers, SPEC §3.2) and the POSIX entry points
 * picolibc needs: read, write, _exit. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vcc/guest/exit_codes.h>
#include <vcc/guest/io.h>

#include "runtime_internal.h"

long vcc_syscall(long number, long arg0, long arg1, long arg2) {
  register long a0 __asm__("a0") = arg0;
  register long a1 __asm__("a1") = arg1;
  register long a2 __asm__("a2") = arg2;
  register long a7 __asm__("a7") = number;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

_Noreturn void __vcc_sys_exit(int code) {
  for (;;) vcc_syscall(VCC_SYS_EXIT, code, 0, 0);
}

void __vcc_write_all(int fd, const void* data, size_t n) {
  const char* p = (const char*)data;
  while (n > 0) {
    long put = vcc_syscall(VCC_SYS_WRITE, fd, (long)p, (long)n);
    /* Not through __vcc_trap or exit: those flush stdio, which would write
     * again. A refused write is final (the stream cap, a bad buffer). */
    if (put <= 0) __vcc_sys_exit(VCC_EXIT_IO_ERROR);
    p += put;
    n -= (size_t)put;
  }
}

size_t vcc_read_request(void* buffer, size_t capacity) {
  char* p = (char*)buffer;
  size_t total = 0;
  while (total < capacity) {
    long got = vcc_syscall(VCC_SYS_READ, VCC_FD_REQUEST, (long)(p + total), (long)(capacity - total));
    if (got == 0) break;
    if (got < 0) __vcc_sys_exit(VCC_EXIT_IO_ERROR);
    total += (size_t)got;
  }
  return total;
}

void* vcc_read_request_all(size_t* size) {
  size_t capacity = 4096;
  size_t used = 0;
  char* buffer = (char*)malloc(capacity);
  if (!buffer) __vcc_out_of_memory(capacity);
  for (;;) {
    used += vcc_read_request(buffer + used, capacity - used);
    if (used < capacity) break;
    size_t grown = capacity * 2;
    char* bigger = (char*)realloc(buffer, grown);
    if (!bigger) __vcc_out_of_memory(grown);
    buffer = bigger;
    capacity = grown;
  }
  *size = used;
  return buffer;
}

void vcc_write_response(const void* data, size_t size) {
  __vcc_flush_stdio();
  __vcc_write_all(VCC_FD_RESPONSE, data, size);
}

void vcc_debug_log(const void* data, size_t size) {
  __vcc_flush_stdio();
  __vcc_write_all(VCC_FD_DEBUG_LOG, data, size);
}

void vcc_debug_print(const char* text) { vcc_debug_log(text, strlen(text)); }

_Noreturn void vcc_exit(int code) { _exit(code); }

/* POSIX read and write, for code that uses them directly: fd 0 reads the
 * request, fds 1 and 2 write; transfers are complete, never short. */
ssize_t read(int fd, void* buffer, size_t count) {
  if (fd != VCC_FD_REQUEST) {
    errno = EBADF;
    return -1;
  }
  return (ssize_t)vcc_read_request(buffer, count);
}

ssize_t write(int fd, const void* data, size_t count) {
  if (fd != VCC_FD_RESPONSE && fd != VCC_FD_DEBUG_LOG) {
    errno = EBADF;
    return -1;
  }
  __vcc_write_all(fd, data, count);
  return (ssize_t)count;
}

/* The end of every normal path (exit, vcc_exit): flush, then the ecall. */
void _exit(int code) {
  __vcc_flush_stdio();
  __vcc_sys_exit(code);
}
