#include "vcc/passes/ptx_scan.hpp"

#include <algorithm>
#include <array>

namespace vcc::ptx {
namespace {

// One instruction's opcode as the scanner sees it.
struct Opcode {
  std::string_view text; // "fma.rn.ftz.f32"
  std::size_t line;
  std::size_t column;
};

bool isIdentifierChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c == '%' || c == '.';
}

bool isLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Splits PTX into statements (ended by ';', '{' or '}') and returns the
// opcode of each instruction statement: labels ("$L__BB0_2:") and guards
// ("@%p1", "@!%p1") are skipped, directives (".reg", ".entry") and operand
// fragments (the "%f1, %f2" of a vector operand in braces) are not opcodes.
class OpcodeReader {
public:
  explicit OpcodeReader(std::string_view text) : text_(text) {}

  std::vector<Opcode> read() {
    std::vector<Opcode> opcodes;
    bool atStatementStart = true;
    while (position_ < text_.size()) {
      char c = text_[position_];
      if (startsWith("//")) {
        skipLineComment();
      } else if (startsWith("/*")) {
        skipBlockComment();
      } else if (c == '"') {
        skipString();
      } else if (c == ';' || c == '{' || c == '}') {
        advance();
        atStatementStart = true;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        advance();
      } else if (atStatementStart && c == '@') {
        skipToken(); // a guard predicate; the opcode follows
      } else if (atStatementStart && (isLetter(c) || c == '_' || c == '$')) {
        std::size_t line = line_, column = column_, start = position_;
        skipToken();
        std::string_view token = text_.substr(start, position_ - start);
        if (position_ < text_.size() && text_[position_] == ':') {
          advance(); // a label; the statement goes on
          continue;
        }
        opcodes.push_back({token, line, column});
        atStatementStart = false;
      } else {
        // A directive, an operand or punctuation: skip to the statement's end.
        skipToken();
        atStatementStart = false;
      }
    }
    return opcodes;
  }

private:
  bool startsWith(std::string_view prefix) const {
    return text_.substr(position_, prefix.size()) == prefix;
  }

  void advance() {
    if (text_[position_] == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++position_;
  }

  void skipLineComment() {
    while (position_ < text_.size() && text_[position_] != '\n')
      advance();
  }

  void skipBlockComment() {
    advance();
    advance();
    while (position_ < text_.size() && !startsWith("*/"))
      advance();
    if (position_ < text_.size()) {
      advance();
      advance();
    }
  }

  void skipString() {
    advance();
    while (position_ < text_.size() && text_[position_] != '"' && text_[position_] != '\n') {
      if (text_[position_] == '\\' && position_ + 1 < text_.size()) advance();
      advance();
    }
    if (position_ < text_.size() && text_[position_] == '"') advance();
  }

  // At least one character, so that punctuation makes progress.
  void skipToken() {
    advance();
    while (position_ < text_.size() && isIdentifierChar(text_[position_]))
      advance();
  }

  std::string_view text_;
  std::size_t position_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

std::vector<std::string_view> splitModifiers(std::string_view opcode) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t dot = opcode.find('.');
    parts.push_back(opcode.substr(0, dot));
    if (dot == std::string_view::npos) break;
    opcode.remove_prefix(dot + 1);
  }
  return parts;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

constexpr std::array<std::string_view, 4> kRoundingModifiers = {"rn", "rz", "rm", "rp"};
constexpr std::array<std::string_view, 7> kFloatTypes = {"f16", "f16x2", "bf16", "bf16x2",
                                                         "f32", "f32x2", "f64"};
constexpr std::array<std::string_view, 4> kContractibleOperations = {"add", "sub", "mul", "mad"};

void addFinding(std::vector<PtxFinding>& findings, PtxIssue issue, const Opcode& opcode,
                std::string message) {
  findings.push_back(
      {issue, opcode.line, opcode.column, std::string(opcode.text), std::move(message)});
}

void check(const Opcode& opcode, std::vector<PtxFinding>& findings) {
  std::vector<std::string_view> parts = splitModifiers(opcode.text);
  std::string_view operation = parts.front();
  auto has = [&](std::string_view modifier) {
    return std::find(parts.begin() + 1, parts.end(), modifier) != parts.end();
  };
  bool onFloats = std::any_of(parts.begin() + 1, parts.end(),
                              [](std::string_view part) { return contains(kFloatTypes, part); });
  std::string name(opcode.text);

  if (has("approx"))
    addFinding(
        findings, PtxIssue::Approximate, opcode,
        "'" + name +
            "' is an approximation that differs from the exactly rounded "
            "result the VM computes; use the vcc stdlib's math (vcc::math), and compile with "
            "-prec-div=true -prec-sqrt=true, without -use_fast_math");
  else if (operation == "div" && has("full"))
    addFinding(findings, PtxIssue::Approximate, opcode,
               "'" + name +
                   "' is a fast division accurate to 2 ulp, not exactly rounded; "
                   "compile with -prec-div=true");
  if (has("ftz"))
    addFinding(findings, PtxIssue::FlushToZero, opcode,
               "'" + name +
                   "' flushes denormals to zero, which the VM's IEEE soft-float does "
                   "not; compile with -ftz=false, without -use_fast_math");
  if (onFloats && contains(kContractibleOperations, operation) &&
      std::none_of(parts.begin() + 1, parts.end(),
                   [](std::string_view part) { return contains(kRoundingModifiers, part); }))
    addFinding(findings, PtxIssue::Contractible, opcode,
               "'" + name +
                   "' has no rounding modifier, so ptxas may fuse it into an fma; "
                   "compile with -fmad=false (nvcc then writes ." +
                   "rn)");
  if (onFloats && (operation == "min" || operation == "max"))
    addFinding(findings, PtxIssue::FloatMinMax, opcode,
               "'" + name +
                   "' does not promise -0 < +0 for zeros of different sign (PTX describes "
                   "min as (a < b) ? a : b), while vcc's fmin/fmax on the CPU and in the VM "
                   "take -0 < +0 (IEEE minimumNumber); "
                   "compare explicitly, e.g. (a < b || (a == b && signbit(a))) ? a : b");
  if (onFloats && (operation == "atom" || operation == "red") && has("add"))
    addFinding(findings, PtxIssue::FloatAtomic, opcode,
               "'" + name +
                   "' adds floats in whatever order threads arrive, so the sum "
                   "differs between runs; use the stdlib's fixed-tree reductions");
}

} // namespace

std::vector<PtxFinding> scanPtx(std::string_view ptx) {
  std::vector<PtxFinding> findings;
  for (const Opcode& opcode : OpcodeReader(ptx).read())
    check(opcode, findings);
  return findings;
}

std::string_view issueName(PtxIssue issue) {
  switch (issue) {
  case PtxIssue::Approximate: return "ptx-approximate";
  case PtxIssue::FlushToZero: return "ptx-flush-to-zero";
  case PtxIssue::Contractible: return "ptx-contractible";
  case PtxIssue::FloatAtomic: return "ptx-float-atomic";
  case PtxIssue::FloatMinMax: return "ptx-float-minmax";
  }
  return "ptx";
}

std::string formatFinding(std::string_view fileName, const PtxFinding& finding) {
  return std::string(fileName) + ":" + std::to_string(finding.line) + ":" +
         std::to_string(finding.column) + ": error: " + finding.message + " [" +
         std::string(issueName(finding.issue)) + "]";
}

} // namespace vcc::ptx
