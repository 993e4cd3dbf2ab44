# Stores to the null guard: a store fault at the second instruction.
    .globl _start
_start:
    li   a0, 8
    sd   a0, 0(zero)
    li   a7, 93
    ecall
