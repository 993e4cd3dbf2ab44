# _start: the entry point of every vcc image (docs/guest-runtime.md, start-up).
#
# Neither vcc's VM nor qemu-riscv64 is trusted for anything beyond copying the
# PT_LOAD segments: _start sets gp and its own stack, and __vcc_start (C)
# zeroes .bss, sets up thread-local storage, runs the static constructors,
# calls main and exits with its result.
    .section .text._start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax
    lla     gp, __global_pointer$     # norelax: a relaxed `lla gp` would use gp itself
    .option pop
    lla     t0, __vcc_layout
    ld      sp, 16(t0)                # __stack_top: the same stack in the VM and in qemu
    li      ra, 0                     # no caller frame: backtraces end here
    tail    __vcc_start
    .size _start, . - _start

# The layout addresses lie more than 2 GiB away from the code, beyond the
# reach of auipc and lui, so they are kept as absolute words (R_RISCV_64).
    .section .rodata.__vcc_layout, "a", @progbits
    .balign 8
    .globl __vcc_layout
    .type __vcc_layout, @object
__vcc_layout:
    .dword __heap_start
    .dword __heap_end
    .dword __stack_top
    .size __vcc_layout, . - __vcc_layout
