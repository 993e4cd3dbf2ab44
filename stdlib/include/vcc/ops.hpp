// vcc::ops — ready-made deterministic operations for service programs, built
// on the kernel API (vcc/kernel.hpp) so that they run on every backend and in
// the VM with bit-identical results. docs/ops.md defines each one exactly:
// the operations, their order, and NaN, infinity and signed-zero handling.
#pragma once

#include "vcc/ops/activation.hpp" // gelu
#include "vcc/ops/buffers.hpp"    // the same ops on vcc::Buffer
#include "vcc/ops/conv2d.hpp"     // conv2d (NCHW)
#include "vcc/ops/matmul.hpp"     // matmul: float, double, int8 -> int32, int32 -> int64
#include "vcc/ops/norm.hpp"       // layernorm, rmsnorm
#include "vcc/ops/select.hpp"     // argmax_rows, topk
#include "vcc/ops/softmax.hpp"    // softmax
