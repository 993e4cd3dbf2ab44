# Entry point of the test guests: the loader (vcc's VM or qemu-riscv64) has
# set sp and zero-filled .bss; set gp, call main(0, 0, 0), exit with its result.
    .section .text._start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    andi    sp, sp, -16
    li      a0, 0
    li      a1, 0
    li      a2, 0
    call    main
    call    _exit
