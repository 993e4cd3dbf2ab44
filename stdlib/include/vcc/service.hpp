// Everything a service program includes (SPEC §2):
//
//   #include <vcc/service.hpp>
//
//   VCC_METHOD vcc::bytes multiply(uint32_t n, const vcc::bytes& a, const vcc::bytes& b);
//
// Target macros, the ABI value types and codec, keccak256, the kernel API,
// and the math and ready-made ops libraries.
#pragma once

#include "vcc/abi.hpp"
#include "vcc/config.hpp"
#include "vcc/kernel.hpp"
#include "vcc/keccak.hpp"
#include "vcc/types.hpp"

#if __has_include("vcc/math.hpp")
#include "vcc/math.hpp"
#endif
#if __has_include("vcc/ops.hpp")
#include "vcc/ops.hpp"
#endif
