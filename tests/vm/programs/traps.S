// Ends in a trap chosen by the first byte of the request, after writing a
// line to fd 1. Under qemu-riscv64 the process dies of a signal; the VM
// exits with status 100 (trapped). '0' spins forever (the VM stops at the
// step limit, status 101; it is not run under qemu). Freestanding.
    .option norelax
    .text
    .globl _start
    .p2align 2
_start:
    // read one byte of the request into sel
    li      a0, 0
    lla     a1, sel
    li      a2, 1
    li      a7, 63
    ecall
    // say something first: the bytes before the trap must match
    li      a0, 1
    lla     a1, msg
    li      a2, msg_end - msg
    li      a7, 64
    ecall
    lla     t0, sel
    lbu     t0, 0(t0)
    li      t1, '0'
    beq     t0, t1, spin
    li      t1, '1'
    beq     t0, t1, null_load
    li      t1, '2'
    beq     t0, t1, break
    li      t1, '3'
    beq     t0, t1, illegal
    li      t1, '4'
    beq     t0, t1, null_jump
    li      t1, '5'
    beq     t0, t1, far_store
    li      t1, '6'
    beq     t0, t1, float_insn
    // default: exit 0
    li      a0, 0
    li      a7, 93
    ecall
spin:
    j       spin
null_load:
    li      t2, 0x100
    ld      t3, 0(t2)
    j       exit_bad
break:
    ebreak
    j       exit_bad
illegal:
    .word   0x00000000              // the all-zero word is illegal
    j       exit_bad
null_jump:
    li      t2, 0x8
    jalr    ra, 0(t2)
    j       exit_bad
far_store:
    li      t2, 0x4000000000        // beyond the 4 GiB guest memory
    sd      t2, 0(t2)
    j       exit_bad
float_insn:
    .word   0x02b57553              // fadd.d fa0, fa0, fa1: no F/D in the VM; qemu
    j       exit_bad                // runs it, so this case is VM-only
exit_bad:
    li      a0, 5
    li      a7, 93
    ecall

    .data
msg:
    .ascii  "about to trap\n"
msg_end:
    .bss
sel:
    .zero   8
