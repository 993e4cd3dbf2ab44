# Exits with code 42.
    .globl _start
_start:
    li a0, 42
    li a7, 93
    ecall
