/* Private interfaces between the pieces of the guest runtime. */
#ifndef VCC_GUEST_RUNTIME_INTERNAL_H
#define VCC_GUEST_RUNTIME_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <vcc/guest/io.h> /* VCC_GUEST_NORETURN */

#ifdef __cplusplus
extern "C" {
#endif

/* Absolute addresses from the linker script (start.S): heap start, heap
 * end, stack top. */
extern const uintptr_t __vcc_layout[3];

/* Writes all n bytes to fd, looping over short writes; a refused write
 * ends the program with VCC_EXIT_IO_ERROR. */
void __vcc_write_all(int fd, const void* data, size_t n);

/* Flushes the stdout and stderr buffers (stdio.c). */
void __vcc_flush_stdio(void);

/* The ecall that ends the run; no flushing. */
VCC_GUEST_NORETURN void __vcc_sys_exit(int code);

/* Deterministic failure paths (fail.c). Both flush stdio, write the message
 * to the debug log, and then: */
/* ... execute ebreak (the VM reports a `breakpoint` trap, qemu SIGTRAP). */
VCC_GUEST_NORETURN void __vcc_trap(const char* message);
/* ... exit with VCC_EXIT_OUT_OF_MEMORY. */
VCC_GUEST_NORETURN void __vcc_out_of_memory(size_t requested);

/* The counted stack budget is exhausted (stack_budget.c): a trap. */
VCC_GUEST_NORETURN void __vcc_stack_overflow(void);

#ifdef __cplusplus
}
#endif

#endif
