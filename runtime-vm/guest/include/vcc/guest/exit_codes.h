/* Exit codes that the guest runtime itself uses (docs/guest-runtime.md).
 * They sit above the codes a program usually returns and below the ones
 * `vcc vm run` uses for its own outcomes (100 trap, 101 step limit). */
#ifndef VCC_GUEST_EXIT_CODES_H
#define VCC_GUEST_EXIT_CODES_H

/* The heap [0x40000000, 0xC0000000) is exhausted and the allocation cannot
 * report failure (throwing operator new, vcc_read_request_all). */
#define VCC_EXIT_OUT_OF_MEMORY 70
/* A write to the response or the debug log was refused (the VM caps each
 * stream at 64 MiB; -EFBIG) or a system call failed where it cannot. */
#define VCC_EXIT_IO_ERROR 71

#endif
