# Writes one byte to every page of guest memory from 0x10000 up, then exits
# 0: the host-memory attack of docs/security.md. Only --max-memory stops it
# early (exit code 102).
    .globl _start
_start:
    li   t0, 0x10000
    li   t1, 1
    slli t1, t1, 32          # the end of guest memory
    li   t2, 4096
1:  sb   t1, 0(t0)
    add  t0, t0, t2
    bltu t0, t1, 1b
    li   a0, 0
    li   a7, 93
    ecall
