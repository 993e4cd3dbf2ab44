// Solidity ABI values known only at run time, for the command line: encode
// `--args` JSON for a signature, decode a response for display, and make
// random arguments (edge values included) for `vcc verify-equiv --fuzz`.
// The service side uses the compile-time codec of stdlib/include/vcc/abi;
// tests check the two against each other and against ethers.js.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "json_value.hpp"

namespace vcc::driver {

struct AbiType {
  enum class Kind { Uint, Int, Bool, Address, FixedBytes, Bytes, String, Array, FixedArray, Tuple } kind = Kind::Uint;
  unsigned bits = 256;               // Uint/Int: 8..256; FixedBytes: 8 * N
  std::shared_ptr<AbiType> element;  // Array, FixedArray
  size_t length = 0;                 // FixedArray: N
  std::vector<AbiType> components;   // Tuple

  bool dynamic() const;
  // Bytes in the head of an enclosing tuple: 32 for dynamic types (an
  // offset), the whole encoding for static tuples and fixed arrays.
  size_t headSize() const;
  std::string name() const;  // canonical: uint32, bytes, int64[][], (address,uint256)[], uint8[4]
};

// Parses "0x" followed by an even number of hex digits (either case).
bool parseHex(std::string_view text, std::vector<uint8_t>& out);

// "uint32", "bytes", "int64[][]", "(address,uint256)[]", "uint8[4]", ...;
// nullopt for anything else.
std::optional<AbiType> parseAbiType(std::string_view text);
// The parameter types of a canonical signature "name(t1,t2,...)".
std::optional<std::vector<AbiType>> signatureTypes(std::string_view signature);

// Encodes a JSON array of values as the tuple `types` (abi.encode). Numbers
// may be JSON numbers or decimal/0x-hex strings; address, bytesN and bytes
// are 0x-hex strings; string is a JSON string. Returns nullopt and sets
// `error` ("argument 2: ...") on a value that does not fit its type.
std::optional<std::vector<uint8_t>> encodeJsonArguments(const std::vector<AbiType>& types, const JsonValue& values,
                                                        std::string& error);

// Decodes the tuple `types` from `data` into JSON text for people; nullopt
// when the bytes are not a valid encoding.
std::optional<std::string> decodeToJson(const std::vector<AbiType>& types, const std::vector<uint8_t>& data);

// Random values for `types` as a JSON array, for fuzzing (abi_fuzz.cpp):
// edge values often (0, max, min, -1), empty, long (hundreds to thousands
// of elements) and repetitive arrays (many equal elements), nested dynamic
// types and tuples. Tuples and fixed arrays are JSON arrays.
// `knownWords` (0x-hex of 32 bytes, e.g. the data roots of a --store's
// blobs) are what a bytes32 becomes three times in four when given: a
// service that names its data by root gets calls that reach the data.
std::string randomJsonArguments(const std::vector<AbiType>& types, std::mt19937_64& random,
                                const std::vector<std::string>& knownWords = {});

// A structural mutation of `values` (valid arguments for `types`, as
// decodeToJson gives them): some leaves replaced by edge or random values,
// array elements dropped, duplicated or repeated many times. The result is
// again valid arguments for `types`.
std::string mutateJsonArguments(const std::vector<AbiType>& types, const JsonValue& values, std::mt19937_64& random,
                                const std::vector<std::string>& knownWords = {});

}  // namespace vcc::driver
