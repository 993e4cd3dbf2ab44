// Self-modifying code in a writable and executable section: stores that
// rewrite instructions (just ahead, in functions called later, with
// sb/sh/sw) and a read syscall that puts instructions from the request into
// code, each executed right after. The VM fetches every instruction from
// current memory (its decoded-page cache must follow stores), and qemu-user
// does the same for RWX pages. Freestanding: brings its own _start.
//
// Output: 8-byte little-endian results, then exit 0.
    .option norelax
    .section .text.smc, "awx", @progbits
    .globl _start
    .p2align 2
_start:
    lla     s0, results
    li      s1, 0                   // i
    li      s2, 20                  // iterations
1:
    // rewrite the next instruction into "addi a0, zero, i*3+1"
    li      t0, 3
    mul     t1, s1, t0
    addi    t1, t1, 1
    slli    t1, t1, 20
    li      t2, (10 << 7) | 0x13
    or      t1, t1, t2
    lla     t3, 2f
    sw      t1, 0(t3)
    // RISC-V needs fence.i (not in RV64IM) before the store is sure to be
    // fetched; qemu keeps running its current translation block, the VM
    // refetches at once. Both see it after a jump, so jump first.
    j       2f
2:  addi    a0, zero, -1            // rewritten above
    // rewrite the function's first instruction into "addi a1, zero, i*5"
    li      t0, 5
    mul     t1, s1, t0
    slli    t1, t1, 20
    li      t2, (11 << 7) | 0x13
    or      t1, t1, t2
    lla     t3, patched_fn
    sw      t1, 0(t3)
    jal     ra, patched_fn
    // rewrite only the immediate's top byte with sb: "addi a2, zero, (i<<4)"
    lla     t3, patched_byte
    slli    t1, s1, 4
    sb      t1, 3(t3)
    jal     ra, patched_byte
    // sh over the upper half: imm[11:4] and rs1 bits
    lla     t3, patched_half
    slli    t1, s1, 4
    sh      t1, 2(t3)
    jal     ra, patched_half
    add     t4, a0, a1
    add     t4, t4, a2
    add     t4, t4, a3
    sd      t4, 0(s0)
    addi    s0, s0, 8
    addi    s1, s1, 1
    bne     s1, s2, 1b

    // the request holds instructions: read them over read_target, then call it
    lla     s3, read_target
    li      s4, 32                  // bytes to read (at most)
3:  li      a0, 0
    mv      a1, s3
    mv      a2, s4
    li      a7, 63
    ecall
    blez    a0, 4f
    add     s3, s3, a0
    sub     s4, s4, a0
    bnez    s4, 3b
4:  li      a0, 0
    jal     ra, read_target
    sd      a0, 0(s0)
    addi    s0, s0, 8

    // write results
    lla     a1, results
    sub     s5, s0, a1
5:  li      a0, 1
    li      a7, 64
    mv      a2, s5
    ecall
    blez    a0, 6f
    add     a1, a1, a0
    sub     s5, s5, a0
    bnez    s5, 5b
    li      a0, 0
    li      a7, 93
    ecall
6:  li      a0, 3
    li      a7, 93
    ecall

    .p2align 2
patched_fn:
    addi    a1, zero, -1
    ret
patched_byte:
    addi    a2, zero, 0
    ret
patched_half:
    addi    a3, zero, 0
    ret
    .p2align 5
read_target:                         // 8 instructions, replaced by the request
    li      a0, 99
    ret
    .rept 6
    ebreak
    .endr

    .bss
    .p2align 3
results:
    .zero 8 * 32
