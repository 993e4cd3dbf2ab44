// Canonicalization. The native binary and the RISC-V image have stacks of
// different sizes, and the same C++ function has frames of different sizes
// on x86-64 and RV64, so deep recursion could overflow one and not the
// other. This pass gives every service a stack *budget* that is counted the
// same way on both targets: each function that calls another function adds
// its frame cost, the bytes of its locals (static allocas) plus a fixed 64,
// to a per-thread counter on entry and takes it back on return; past the
// budget the program traps, `vcc: stack budget exceeded`, on both targets
// (docs/passes.md, "Defined semantics"). It runs at the start of the
// pipeline, on the IR as the frontend emitted it for either target, before
// inlining: the costs are the same in both compiles.
//
// Only frames that can repeat on the stack are counted: functions in a
// cycle of the module's call graph (recursion), functions whose address is
// taken (a library or a function pointer may call them back) and functions
// that call through a pointer, plus any frame of 4 KiB or more. The others
// form call chains whose depth is bounded by the module itself; the real
// stacks (16 MiB in the image, 256 MiB natively) keep room for them beyond
// the budget. The call graph is the frontend's, before inlining: the same
// for both targets.
#include "Passes.hpp"

#include "llvm/ADT/SCCIterator.h"
#include "llvm/Analysis/CallGraph.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/TargetParser/Triple.h"

namespace vcc::ir {
namespace {

llvm::cl::opt<uint64_t> stackBudget("vcc-stack-budget", llvm::cl::init(uint64_t{4} << 20),
                                    llvm::cl::desc("Bytes of counted stack a service may use (0: no counting)"));

constexpr uint64_t kFrameOverhead = 64;
constexpr uint64_t kLargeFrame = 4096;

// The frame cost as the frontend emitted it: every static alloca.
std::optional<uint64_t> frameCost(const llvm::Function& function, const llvm::DataLayout& layout) {
  uint64_t cost = kFrameOverhead;
  for (const llvm::Instruction& instruction : function.getEntryBlock()) {
    const auto* alloca = llvm::dyn_cast<llvm::AllocaInst>(&instruction);
    if (alloca == nullptr) continue;
    std::optional<llvm::TypeSize> size = alloca->getAllocationSize(layout);
    if (!size || size->isScalable()) return std::nullopt;
    cost += size->getFixedValue();
  }
  return cost;
}

bool callsThroughPointers(const llvm::Function& function) {
  for (const llvm::BasicBlock& block : function)
    for (const llvm::Instruction& instruction : block)
      if (const auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction))
        if (call->isIndirectCall()) return true;
  return false;
}

// The functions that take part in recursion: members of a call-graph cycle.
llvm::DenseSet<const llvm::Function*> recursiveFunctions(llvm::Module& module) {
  llvm::DenseSet<const llvm::Function*> recursive;
  llvm::CallGraph graph(module);
  for (llvm::scc_iterator<llvm::CallGraph*> scc = llvm::scc_begin(&graph); !scc.isAtEnd(); ++scc) {
    if (!scc.hasCycle()) continue;
    for (const llvm::CallGraphNode* node : *scc)
      if (const llvm::Function* function = node->getFunction()) recursive.insert(function);
  }
  return recursive;
}

bool hasMustTailCall(const llvm::Function& function) {
  for (const llvm::BasicBlock& block : function)
    if (block.getTerminatingMustTailCall() != nullptr) return true;
  return false;
}

llvm::GlobalVariable* counterIn(llvm::Module& module) {
  if (llvm::GlobalVariable* existing = module.getGlobalVariable("__vcc_stack_used")) return existing;
  llvm::Type* word = llvm::Type::getInt64Ty(module.getContext());
  // Initial-exec natively (an executable), local-exec in the static image.
  llvm::GlobalVariable::ThreadLocalMode model = llvm::Triple(module.getTargetTriple()).isRISCV()
                                                    ? llvm::GlobalVariable::LocalExecTLSModel
                                                    : llvm::GlobalVariable::InitialExecTLSModel;
  return new llvm::GlobalVariable(module, word, false, llvm::GlobalValue::ExternalLinkage, nullptr,
                                  "__vcc_stack_used", nullptr, model);
}

void instrument(llvm::Function& function, uint64_t cost, llvm::GlobalVariable* counter, llvm::FunctionCallee overflow) {
  llvm::BasicBlock& entry = function.getEntryBlock();
  llvm::BasicBlock::iterator firstCode = entry.begin();
  while (llvm::isa<llvm::AllocaInst>(*firstCode)) ++firstCode;
  llvm::BasicBlock* body = entry.splitBasicBlock(firstCode, "vcc.stack.ok");
  entry.getTerminator()->eraseFromParent();

  llvm::IRBuilder<> builder(&entry);
  llvm::Type* word = builder.getInt64Ty();
  llvm::Value* before = builder.CreateLoad(word, counter, "vcc.stack.before");
  llvm::Value* after = builder.CreateAdd(before, builder.getInt64(cost), "vcc.stack.after", true, true);
  llvm::Value* over = builder.CreateICmpUGT(after, builder.getInt64(stackBudget));
  llvm::BasicBlock* trap = llvm::BasicBlock::Create(function.getContext(), "vcc.stack.overflow", &function);
  builder.CreateCondBr(over, trap, body);

  llvm::IRBuilder<> trapBuilder(trap);
  llvm::CallInst* call = trapBuilder.CreateCall(overflow);
  call->setDoesNotReturn();
  trapBuilder.CreateUnreachable();

  builder.SetInsertPoint(body, body->getFirstInsertionPt());
  builder.CreateStore(after, counter);
  for (llvm::BasicBlock& block : function)
    if (auto* ret = llvm::dyn_cast<llvm::ReturnInst>(block.getTerminator())) {
      builder.SetInsertPoint(ret);
      builder.CreateStore(before, counter);
    }
}

} // namespace

llvm::PreservedAnalyses StackBudget::run(llvm::Module& module, llvm::ModuleAnalysisManager&) {
  if (stackBudget == 0) return llvm::PreservedAnalyses::all();
  const llvm::DataLayout& layout = module.getDataLayout();
  const llvm::DenseSet<const llvm::Function*> recursive = recursiveFunctions(module);
  llvm::GlobalVariable* counter = nullptr;
  llvm::FunctionCallee overflow;
  bool changed = false;
  for (llvm::Function& function : module) {
    if (function.isDeclaration() || function.hasFnAttribute(llvm::Attribute::Naked) || hasMustTailCall(function))
      continue;
    std::optional<uint64_t> cost = frameCost(function, layout);
    if (!cost) continue;
    bool canRepeat = recursive.contains(&function) || function.hasAddressTaken() || callsThroughPointers(function);
    if (!canRepeat && *cost < kLargeFrame) continue;
    if (counter == nullptr) {
      counter = counterIn(module);
      overflow = module.getOrInsertFunction("__vcc_stack_overflow", llvm::Type::getVoidTy(module.getContext()));
      if (auto* declared = llvm::dyn_cast<llvm::Function>(overflow.getCallee())) {
        declared->setDoesNotReturn();
        declared->setCallingConv(llvm::CallingConv::C);
      }
    }
    instrument(function, *cost, counter, overflow);
    changed = true;
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
