// vcc::math -- deterministic elementary functions (SPEC §4).
//
// Every function gives bit-identical results on the native x86-64 build, in
// the RISC-V guest (soft-float) and in CUDA device code, because it is built
// only from IEEE 754 operations that each target rounds correctly (+ - * /,
// sqrt, fma, conversions, comparisons) and integer operations -- no libm
// transcendentals, no long double, no contraction, no tables that differ per
// target. NaN results are always the canonical quiet NaN (0x7ff8... /
// 0x7fc00000).
//
//   float and double:  exp expm1 log log1p pow sin cos tanh sigmoid
//                      erf erfc gelu rsqrt
//   float only:        gelu_tanh (the tanh approximation of GELU)
//
// Special values, accuracy (max ulp error, measured), the algorithms and
// why the results are identical everywhere: docs/math.md.
#pragma once

#include "vcc/math/activation.hpp"
#include "vcc/math/exp_log.hpp"
#include "vcc/math/fp.hpp"
#include "vcc/math/pow.hpp"
#include "vcc/math/trig.hpp"
