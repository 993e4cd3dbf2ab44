// The Solidity ABI for service methods (docs/abi.md): type names,
// selectors, and a strict codec for calldata and responses.
#pragma once

#include "vcc/abi/call.hpp"
#include "vcc/abi/codec.hpp"
#include "vcc/abi/error.hpp"
#include "vcc/abi/fixed_string.hpp"
#include "vcc/types.hpp"
