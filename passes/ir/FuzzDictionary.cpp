// vcc-fuzz-dictionary (vcc build --fuzzer only; reads the IR, changes
// nothing): writes a libFuzzer dictionary of the constants the service's
// own code compares its input with, so the coverage-guided fuzzer tries
// them where random mutation would need 2^32 tries to guess a 4-byte magic.
// libFuzzer's table of recent compares finds such values too, but only by
// luck in a run that also executes the VM (docs/cli.md, "verify-equiv").
//
// Collected, after the optimizer has folded loads and copies: the constant
// side of integer equality and order comparisons and switch cases of 16, 32
// and 64 bits (little- and big-endian: bytes in memory, or an ABI word),
// and constant strings or byte arrays given to memcmp, bcmp, strcmp,
// strncmp and memchr-like calls. Small values (below 256 either way) are
// left out: mutation finds those alone. vcc's dispatch and ABI code and
// libc++ are not the service's decisions and are skipped, as in the
// coverage ignore list (driver/native_build.cpp): kRuntimeSymbolPrefixes.
#include "Passes.hpp"
#include "vcc/passes/ir_plugin.hpp"

#include <set>
#include <string>

#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace vcc::ir {

llvm::cl::opt<std::string> fuzzDictionaryPath("vcc-fuzz-dictionary", llvm::cl::init(""),
                                              llvm::cl::desc("Write a libFuzzer dictionary of compared constants"));

namespace {

constexpr size_t kMaxEntryBytes = 64;  // libFuzzer's limit for one entry

bool isServiceCode(const llvm::Function& function) {
  llvm::StringRef name = function.getName();
  for (std::string_view prefix : passes::kRuntimeSymbolPrefixes)
    if (name.starts_with(llvm::StringRef(prefix.data(), prefix.size()))) return false;
  return !function.isDeclaration();
}

// Whether a compared value comes from vcc's own instrumentation (the stack
// budget's __vcc_stack_used, or the count a recursive function takes as its
// last argument), not from the input.
bool readsVccState(const llvm::Value* value, unsigned depth = 0) {
  if (depth > 3) return false;
  if (const auto* argument = llvm::dyn_cast<llvm::Argument>(value)) {
    const llvm::Function* function = argument->getParent();
    return function->hasFnAttribute("vcc-stack-count") && argument->getArgNo() + 1 == function->arg_size();
  }
  if (const auto* load = llvm::dyn_cast<llvm::LoadInst>(value)) {
    const auto* global = llvm::dyn_cast<llvm::GlobalVariable>(load->getPointerOperand()->stripPointerCasts());
    return global != nullptr && global->getName().starts_with("__vcc_");
  }
  if (const auto* instruction = llvm::dyn_cast<llvm::Instruction>(value))
    for (const llvm::Value* operand : instruction->operands())
      if (readsVccState(operand, depth + 1)) return true;
  return false;
}

void addInteger(std::set<std::string>& entries, const llvm::APInt& value) {
  unsigned width = value.getBitWidth();
  if (width != 16 && width != 32 && width != 64) return;
  if (value.ult(256) || (-value).ult(256)) return;
  std::string little(width / 8, '\0'), big(width / 8, '\0');
  for (unsigned i = 0; i < width / 8; ++i) {
    little[i] = static_cast<char>(value.extractBitsAsZExtValue(8, 8 * i));
    big[width / 8 - 1 - i] = little[i];
  }
  entries.insert(little);
  entries.insert(big);
}

// The bytes of a constant string or array a pointer operand names.
void addConstantBytes(std::set<std::string>& entries, const llvm::Value* pointer) {
  const auto* global = llvm::dyn_cast<llvm::GlobalVariable>(pointer->stripPointerCasts());
  if (global == nullptr || !global->isConstant() || !global->hasInitializer()) return;
  const auto* data = llvm::dyn_cast<llvm::ConstantDataSequential>(global->getInitializer());
  if (data == nullptr || data->getElementByteSize() != 1) return;
  llvm::StringRef bytes = data->getRawDataValues();
  if (data->isCString()) bytes = bytes.drop_back();
  if (bytes.size() >= 2) entries.insert(bytes.take_front(kMaxEntryBytes).str());
}

void collect(const llvm::Function& function, std::set<std::string>& entries) {
  for (const llvm::Instruction& instruction : llvm::instructions(function)) {
    if (const auto* compare = llvm::dyn_cast<llvm::ICmpInst>(&instruction)) {
      if (readsVccState(compare->getOperand(0)) || readsVccState(compare->getOperand(1))) continue;
      for (const llvm::Value* operand : compare->operands())
        if (const auto* constant = llvm::dyn_cast<llvm::ConstantInt>(operand)) addInteger(entries, constant->getValue());
    } else if (const auto* choice = llvm::dyn_cast<llvm::SwitchInst>(&instruction)) {
      for (const auto& entry : choice->cases()) addInteger(entries, entry.getCaseValue()->getValue());
    } else if (const auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction)) {
      const llvm::Function* callee = call->getCalledFunction();
      if (callee == nullptr) continue;
      llvm::StringRef name = callee->getName();
      if (name == "memcmp" || name == "bcmp" || name == "strcmp" || name == "strncmp" || name == "strstr" ||
          name == "memmem") {
        for (const llvm::Use& argument : call->args())
          if (argument->getType()->isPointerTy()) addConstantBytes(entries, argument.get());
      }
    }
  }
}

void writeEntry(llvm::raw_ostream& out, const std::string& bytes) {
  out << '"';
  for (unsigned char byte : bytes) {
    if (byte >= 0x20 && byte < 0x7f && byte != '"' && byte != '\\') {
      out << static_cast<char>(byte);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out << "\\x" << kHex[byte >> 4] << kHex[byte & 15];
    }
  }
  out << "\"\n";
}

} // namespace

llvm::PreservedAnalyses FuzzDictionary::run(llvm::Module& module, llvm::ModuleAnalysisManager&) {
  if (fuzzDictionaryPath.empty()) return llvm::PreservedAnalyses::all();
  std::set<std::string> entries;
  for (const llvm::Function& function : module)
    if (isServiceCode(function)) collect(function, entries);
  std::error_code error;
  llvm::raw_fd_ostream out(fuzzDictionaryPath, error, llvm::sys::fs::OF_None);
  if (error) {
    llvm::errs() << "vcc: cannot write the fuzz dictionary " << fuzzDictionaryPath << ": " << error.message() << "\n";
    return llvm::PreservedAnalyses::all();
  }
  out << "# Constants the service compares its input with (vcc-fuzz-dictionary).\n";
  for (const std::string& entry : entries) writeEntry(out, entry);
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
