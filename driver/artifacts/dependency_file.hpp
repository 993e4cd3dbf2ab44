// Reading the dependency lists compilers write with -MD (Makefile syntax):
// what `vcc build`'s up-to-date check hashes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vcc::driver {

// The prerequisites of a -MD file, in order, without the targets. Handles
// line continuations and the escapes clang and gcc write: "\ " (a space in
// a file name), "\#", "$$".
std::vector<std::string> parseDependencyFile(std::string_view text);

}  // namespace vcc::driver
