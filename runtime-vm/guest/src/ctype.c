/* The signed-char ctype table.
 *
 * Guest code is compiled with -fsigned-char (SPEC §4), and then picolibc's
 * <ctype.h> macros index `_ctype_b + 127` so that negative chars work. The
 * Debian picolibc for RISC-V was built with RISC-V's unsigned char and only
 * ships `_ctype_`, so the runtime provides `_ctype_b`: the "C" locale's
 * classes, the same bytes as picolibc's `_ctype_` for EOF and 0..127, and
 * no class for bytes 128..255 reached as either negative or positive
 * values. */
#include <ctype.h>

/* clang-format off */
const char _ctype_b[128 + 256] = {
    /* [0, 127): the chars -128..-2; [127]: EOF (and -1). All without class. */
    [128 + 0] =
    _C, _C, _C, _C, _C, _C, _C, _C,                      /* 0..7 */
    _C, _S|_C, _S|_C, _S|_C, _S|_C, _S|_C, _C, _C,      /* 8..15 */
    _C, _C, _C, _C, _C, _C, _C, _C,                      /* 16..23 */
    _C, _C, _C, _C, _C, _C, _C, _C,                      /* 24..31 */
    _S|_B, _P, _P, _P, _P, _P, _P, _P,                   /* 32..39 */
    _P, _P, _P, _P, _P, _P, _P, _P,                      /* 40..47 */
    _N, _N, _N, _N, _N, _N, _N, _N,                      /* 48..55 */
    _N, _N, _P, _P, _P, _P, _P, _P,                      /* 56..63 */
    _P, _U|_X, _U|_X, _U|_X, _U|_X, _U|_X, _U|_X, _U,    /* 64..71 */
    _U, _U, _U, _U, _U, _U, _U, _U,                      /* 72..79 */
    _U, _U, _U, _U, _U, _U, _U, _U,                      /* 80..87 */
    _U, _U, _U, _P, _P, _P, _P, _P,                      /* 88..95 */
    _P, _L|_X, _L|_X, _L|_X, _L|_X, _L|_X, _L|_X, _L,    /* 96..103 */
    _L, _L, _L, _L, _L, _L, _L, _L,                      /* 104..111 */
    _L, _L, _L, _L, _L, _L, _L, _L,                      /* 112..119 */
    _L, _L, _L, _P, _P, _P, _P, _C,                      /* 120..127 */
    /* [256, 384): the bytes 128..255 as unsigned values: no class. */
};
/* clang-format on */
