// Scans PTX (what nvcc -ptx emits for the CUDA backend) for instructions
// whose results are not bit-exact or not reproducible (SPEC §4): .approx
// arithmetic, div.full, flush-to-zero (.ftz), float add/sub/mul/mad without
// a rounding modifier (which ptxas may fuse into an fma, -fmad=true), float
// atomic adds (order-dependent sums), and float min/max (their result for
// zeros of different sign is not vcc's canonical one). Plain C++, no LLVM and no CUDA:
// the driver runs it on the PTX of every kernel before it is assembled.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vcc::ptx {

enum class PtxIssue {
  Approximate,  // ex2.approx, sin.approx, rcp.approx, div.approx, div.full, ...
  FlushToZero,  // any .ftz modifier
  Contractible, // add/sub/mul/mad on floats without .rn/.rz/.rm/.rp
  FloatAtomic,  // atom/red .add on a float type
  FloatMinMax,  // min/max on a float type: signed zeros by operand order
};

struct PtxFinding {
  PtxIssue issue;
  std::size_t line;        // 1-based
  std::size_t column;      // 1-based, where the opcode starts
  std::string instruction; // the opcode with its modifiers: "ex2.approx.ftz.f32"
  std::string message;     // what is wrong and what to do, one sentence
};

// Every finding in ptx, in source order (an instruction with several issues
// gives one finding per issue). Comments and string literals are skipped.
std::vector<PtxFinding> scanPtx(std::string_view ptx);

// "file:line:col: error: message [ptx-approximate]", clang style.
std::string formatFinding(std::string_view fileName, const PtxFinding& finding);

// "ptx-approximate", "ptx-flush-to-zero", "ptx-contractible", "ptx-float-atomic",
// "ptx-float-minmax".
std::string_view issueName(PtxIssue issue);

} // namespace vcc::ptx
