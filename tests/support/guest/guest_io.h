// System-call wrappers and stdio glue for test guests. The numbers follow
// Linux riscv64, so one image runs in vcc's VM and in qemu-riscv64 alike.
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { VCC_SYS_READ = 63, VCC_SYS_WRITE = 64, VCC_SYS_EXIT = 93, VCC_SYS_EXIT_GROUP = 94 };

long vcc_syscall3(long number, long a0, long a1, long a2);

// Reads the whole request (fd 0) into buf, at most capacity bytes; returns the count.
size_t vcc_read_input(void* buf, size_t capacity);
// Writes all n bytes to fd (1: response, 2: debug log); the VM accepts at
// most one 32-byte leaf per call, so this loops.
void vcc_write_all(int fd, const void* buf, size_t n);
// Flushes stdout and ends the program.
_Noreturn void _exit(int code);

#ifdef __cplusplus
}
#endif
