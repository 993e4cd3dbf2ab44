/* The guest's I/O: the request (fd 0), the response (fd 1) and the debug
 * log (fd 2), over Linux riscv64 system calls so that an image runs the same
 * in vcc's VM and in qemu-riscv64 (docs/guest-runtime.md).
 *
 * The VM moves at most up to the end of the current aligned 32-byte block
 * per call (SPEC §3.2); these functions loop until the whole transfer is
 * done, so callers never see a short read or write. */
#ifndef VCC_GUEST_IO_H
#define VCC_GUEST_IO_H

#include <stddef.h>

#ifdef __cplusplus
#define VCC_GUEST_NORETURN [[noreturn]]
#else
#define VCC_GUEST_NORETURN _Noreturn
#endif

#ifdef __cplusplus
extern "C" {
#endif

enum {
  VCC_SYS_READ = 63,
  VCC_SYS_WRITE = 64,
  VCC_SYS_EXIT = 93,
  VCC_SYS_EXIT_GROUP = 94,
};

enum {
  VCC_FD_REQUEST = 0,
  VCC_FD_RESPONSE = 1,
  VCC_FD_DEBUG_LOG = 2,
};

/* One raw `ecall`: number in a7, arguments in a0..a2, result in a0. */
long vcc_syscall(long number, long arg0, long arg1, long arg2);

/* Reads the next request bytes into buffer until it is full or the request
 * ends; returns the count (less than capacity only at the end). */
size_t vcc_read_request(void* buffer, size_t capacity);

/* Reads the rest of the request into a buffer from malloc (release it with
 * free); stores its length in *size. The buffer is never NULL (an empty
 * request gives a 1-byte allocation); running out of heap exits with
 * VCC_EXIT_OUT_OF_MEMORY. */
void* vcc_read_request_all(size_t* size);

/* Appends size bytes to the response. Flushes stdout first, so that
 * printf output and direct writes keep their program order. */
void vcc_write_response(const void* data, size_t size);

/* Appends size bytes to the debug log (fd 2, not part of the response).
 * Flushes stderr first, for the same reason. */
void vcc_debug_log(const void* data, size_t size);

/* vcc_debug_log of a NUL-terminated string. */
void vcc_debug_print(const char* text);

/* Flushes stdout and stderr, then ends the program with code, without
 * running atexit handlers or static destructors (exit() runs them). */
VCC_GUEST_NORETURN void vcc_exit(int code);

#ifdef __cplusplus
}
#endif

#endif
