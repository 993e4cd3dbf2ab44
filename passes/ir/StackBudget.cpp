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
//
// A recursive function that only direct calls reach (internal, address not
// taken) gets the count as an extra argument instead of reading the
// thread-local counter: its calls to such functions pass their own count
// in a register, and it stores the count to the counter only before a call
// of a function that may read it (not before a call of a helper that calls
// nothing that could) and never restores it; a caller
// outside that set passes the counter's value and stores it back after the
// call. The same costs are added and checked at the same calls, so the
// trap comes at the same call as with the counter alone, but a recursion
// no longer waits on a store and a load of memory at every level.
#include "Passes.hpp"

#include "llvm/ADT/STLExtras.h"
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

// The check at the entry: after = before + cost, and past the budget a
// call of __vcc_stack_overflow. `before` comes from makeBefore, built at
// the end of the entry block (after its allocas).
struct EntryCheck {
  llvm::Value* before;
  llvm::Value* after;
  llvm::BasicBlock* body;  // where the function's own code now starts
  llvm::BasicBlock* trap;
};

template <class MakeBefore>
EntryCheck checkAtEntry(llvm::Function& function, uint64_t cost, llvm::FunctionCallee overflow,
                        MakeBefore makeBefore) {
  llvm::BasicBlock& entry = function.getEntryBlock();
  llvm::BasicBlock::iterator firstCode = entry.begin();
  while (llvm::isa<llvm::AllocaInst>(*firstCode)) ++firstCode;
  llvm::BasicBlock* body = entry.splitBasicBlock(firstCode, "vcc.stack.ok");
  entry.getTerminator()->eraseFromParent();

  llvm::IRBuilder<> builder(&entry);
  llvm::Value* before = makeBefore(builder);
  llvm::Value* after = builder.CreateAdd(before, builder.getInt64(cost), "vcc.stack.after", true, true);
  llvm::Value* over = builder.CreateICmpUGT(after, builder.getInt64(stackBudget));
  llvm::BasicBlock* trap = llvm::BasicBlock::Create(function.getContext(), "vcc.stack.overflow", &function);
  builder.CreateCondBr(over, trap, body);

  llvm::IRBuilder<> trapBuilder(trap);
  llvm::CallInst* call = trapBuilder.CreateCall(overflow);
  call->setDoesNotReturn();
  trapBuilder.CreateUnreachable();
  return {before, after, body, trap};
}

// Counted with the thread-local counter: stored on entry, restored on return.
void instrument(llvm::Function& function, uint64_t cost, llvm::GlobalVariable* counter, llvm::FunctionCallee overflow) {
  EntryCheck check = checkAtEntry(function, cost, overflow, [&](llvm::IRBuilder<>& builder) -> llvm::Value* {
    return builder.CreateLoad(builder.getInt64Ty(), counter, "vcc.stack.before");
  });
  llvm::IRBuilder<> builder(check.body, check.body->getFirstInsertionPt());
  builder.CreateStore(check.after, counter);
  for (llvm::BasicBlock& block : function)
    if (auto* ret = llvm::dyn_cast<llvm::ReturnInst>(block.getTerminator())) {
      builder.SetInsertPoint(ret);
      builder.CreateStore(check.before, counter);
    }
}

// Recursive functions that can take the count as an argument: every use is
// a direct call of the function (no invoke, no musttail), not varargs.
bool canTakeCountArgument(const llvm::Function& function) {
  if (!function.hasLocalLinkage() || function.isVarArg() || function.hasAddressTaken()) return false;
  for (const llvm::User* user : function.users()) {
    const auto* call = llvm::dyn_cast<llvm::CallInst>(user);
    if (call == nullptr || call->getCalledFunction() != &function || call->isMustTailCall()) return false;
  }
  return true;
}

// A copy of `function` whose last parameter is the count, with the body
// moved over; `function` is left empty, its calls still to be rewritten.
llvm::Function* withCountArgument(llvm::Function& function) {
  llvm::Type* word = llvm::Type::getInt64Ty(function.getContext());
  llvm::FunctionType* type = function.getFunctionType();
  llvm::SmallVector<llvm::Type*, 8> parameters(type->params());
  parameters.push_back(word);
  llvm::Function* counted = llvm::Function::Create(llvm::FunctionType::get(type->getReturnType(), parameters, false),
                                                   function.getLinkage(), function.getAddressSpace(), "",
                                                   function.getParent());
  counted->copyAttributesFrom(&function);
  counted->setComdat(function.getComdat());
  counted->takeName(&function);
  counted->splice(counted->begin(), &function);
  for (auto [from, to] : llvm::zip(function.args(), counted->args())) {
    to.takeName(&from);
    from.replaceAllUsesWith(&to);
  }
  counted->getArg(type->getNumParams())->setName("vcc.stack.count");
  // The fuzz dictionary leaves the count's compares out (names may be discarded).
  counted->addFnAttr("vcc-stack-count");
  llvm::SmallVector<std::pair<unsigned, llvm::MDNode*>, 4> metadata;
  function.getAllMetadata(metadata);
  for (auto [kind, node] : metadata) counted->setMetadata(kind, node);
  function.clearMetadata();
  return counted;
}

// The functions that may read the counter when called: declarations (code
// outside the module may call back), functions that read it themselves
// (counted with it, calling a count-taking function from outside that set,
// or reading it in C++ as vcc/kernel.hpp does), functions that call through
// pointers, and every caller of one of these. Calls to the others need no
// store before them.
llvm::DenseSet<const llvm::Function*> counterReaders(llvm::Module& module,
                                                     const llvm::DenseSet<const llvm::Function*>& readsItself,
                                                     const llvm::DenseSet<const llvm::Function*>& takesCount) {
  llvm::DenseSet<const llvm::Function*> readers;
  for (const llvm::Function& function : module) {
    if (function.isIntrinsic()) continue;
    if (function.isDeclaration() || readsItself.contains(&function) || callsThroughPointers(function))
      readers.insert(&function);
  }
  auto callsReader = [&](const llvm::Function& function) {
    for (const llvm::BasicBlock& block : function)
      for (const llvm::Instruction& instruction : block) {
        const auto* site = llvm::dyn_cast<llvm::CallBase>(&instruction);
        const llvm::Function* callee = site != nullptr ? site->getCalledFunction() : nullptr;
        if (callee == nullptr || !readers.contains(callee)) continue;
        // A count-taking function calling another one passes the count.
        if (takesCount.contains(callee) && takesCount.contains(&function)) continue;
        return true;
      }
    return false;
  };
  for (bool grew = true; grew;) {
    grew = false;
    for (const llvm::Function& function : module)
      if (!function.isDeclaration() && !readers.contains(&function) && callsReader(function)) {
        readers.insert(&function);
        grew = true;
      }
  }
  return readers;
}

void instrumentCounted(llvm::Function& function, uint64_t cost, llvm::GlobalVariable* counter,
                       llvm::FunctionCallee overflow, const llvm::DenseSet<llvm::Function*>& counted,
                       const llvm::DenseSet<const llvm::Function*>& readers,
                       llvm::DenseMap<llvm::Function*, llvm::Value*>& countAfterEntry) {
  EntryCheck check = checkAtEntry(function, cost, overflow, [&](llvm::IRBuilder<>&) -> llvm::Value* {
    return function.getArg(function.arg_size() - 1);
  });
  llvm::Value* after = check.after;
  llvm::BasicBlock* trap = check.trap;
  countAfterEntry[&function] = after;

  // Calls of functions that may read the counter find this frame's count in it.
  for (llvm::BasicBlock& block : function)
    for (llvm::Instruction& instruction : block) {
      auto* site = llvm::dyn_cast<llvm::CallBase>(&instruction);
      if (site == nullptr || llvm::isa<llvm::IntrinsicInst>(site) || site->getParent() == trap) continue;
      llvm::Function* callee = site->getCalledFunction();
      if (callee != nullptr && (counted.contains(callee) || !readers.contains(callee))) continue;
      llvm::IRBuilder<>(site).CreateStore(after, counter);
    }
}

} // namespace

llvm::PreservedAnalyses StackBudget::run(llvm::Module& module, llvm::ModuleAnalysisManager&) {
  if (stackBudget == 0) return llvm::PreservedAnalyses::all();
  const llvm::DataLayout& layout = module.getDataLayout();
  const llvm::DenseSet<const llvm::Function*> recursive = recursiveFunctions(module);
  llvm::GlobalVariable* counter = nullptr;
  llvm::FunctionCallee overflow;
  struct Counted {
    llvm::Function* function;
    uint64_t cost;
    bool byArgument;
  };
  llvm::SmallVector<Counted, 16> chosen;
  for (llvm::Function& function : module) {
    if (function.isDeclaration() || function.hasFnAttribute(llvm::Attribute::Naked) || hasMustTailCall(function))
      continue;
    std::optional<uint64_t> cost = frameCost(function, layout);
    if (!cost) continue;
    bool canRepeat = recursive.contains(&function) || function.hasAddressTaken() || callsThroughPointers(function);
    if (!canRepeat && *cost < kLargeFrame) continue;
    chosen.push_back({&function, *cost, recursive.contains(&function) && canTakeCountArgument(function)});
  }
  if (chosen.empty()) return llvm::PreservedAnalyses::all();
  counter = counterIn(module);
  overflow = module.getOrInsertFunction("__vcc_stack_overflow", llvm::Type::getVoidTy(module.getContext()));
  if (auto* declared = llvm::dyn_cast<llvm::Function>(overflow.getCallee())) {
    declared->setDoesNotReturn();
    declared->setCallingConv(llvm::CallingConv::C);
  }

  // Functions that take the count as an argument: new signatures first, so
  // that every call site can be rewritten once every function is known.
  // Who reads the counter is decided on the original functions: those
  // counted with it, and callers of count-taking functions from outside.
  llvm::DenseSet<const llvm::Function*> takesCount;
  llvm::DenseSet<const llvm::Function*> readsItself;
  // C++ code that uses the counter (vcc/kernel.hpp), through constant
  // expressions too.
  llvm::SmallVector<const llvm::User*, 8> uses(counter->users());
  while (!uses.empty()) {
    const llvm::User* user = uses.pop_back_val();
    if (const auto* instruction = llvm::dyn_cast<llvm::Instruction>(user))
      readsItself.insert(instruction->getFunction());
    else if (llvm::isa<llvm::ConstantExpr>(user))
      uses.append(user->user_begin(), user->user_end());
  }
  for (const Counted& entry : chosen)
    if (entry.byArgument) takesCount.insert(entry.function);
  for (const Counted& entry : chosen) {
    if (!entry.byArgument) {
      readsItself.insert(entry.function);
      continue;
    }
    for (const llvm::User* user : entry.function->users())
      if (const llvm::Function* caller = llvm::cast<llvm::CallInst>(user)->getFunction();
          !takesCount.contains(caller))
        readsItself.insert(caller);
  }
  const llvm::DenseSet<const llvm::Function*> readers = counterReaders(module, readsItself, takesCount);

  llvm::DenseMap<llvm::Function*, llvm::Function*> replacement;
  llvm::DenseSet<llvm::Function*> byArgument;
  for (Counted& entry : chosen) {
    if (!entry.byArgument) continue;
    llvm::Function* counted = withCountArgument(*entry.function);
    replacement[entry.function] = counted;
    byArgument.insert(counted);
    byArgument.insert(entry.function); // its calls are rewritten below
    entry.function = counted;
  }
  llvm::DenseMap<llvm::Function*, llvm::Value*> countAfterEntry;
  for (const Counted& entry : chosen) {
    if (entry.byArgument)
      instrumentCounted(*entry.function, entry.cost, counter, overflow, byArgument, readers, countAfterEntry);
    else
      instrument(*entry.function, entry.cost, counter, overflow);
  }
  for (auto [original, counted] : replacement) {
    llvm::SmallVector<llvm::CallInst*, 8> calls;
    for (llvm::User* user : original->users()) calls.push_back(llvm::cast<llvm::CallInst>(user));
    for (llvm::CallInst* call : calls) {
      llvm::Function* caller = call->getFunction();
      llvm::IRBuilder<> builder(call);
      llvm::Value* count = nullptr;
      auto known = countAfterEntry.find(caller);
      if (known != countAfterEntry.end()) {
        count = known->second;
      } else {
        count = builder.CreateLoad(builder.getInt64Ty(), counter, "vcc.stack.count");
      }
      llvm::SmallVector<llvm::Value*, 8> arguments(call->args());
      arguments.push_back(count);
      llvm::CallInst* replaced = builder.CreateCall(counted, arguments);
      replaced->setCallingConv(call->getCallingConv());
      replaced->setTailCallKind(call->getTailCallKind());
      replaced->setDebugLoc(call->getDebugLoc());
      llvm::AttributeList attributes = call->getAttributes();
      replaced->setAttributes(llvm::AttributeList::get(call->getContext(), attributes.getFnAttrs(),
                                                       attributes.getRetAttrs(),
                                                       [&] {
                                                         llvm::SmallVector<llvm::AttributeSet, 8> parameters;
                                                         for (unsigned i = 0; i < call->arg_size(); ++i)
                                                           parameters.push_back(attributes.getParamAttrs(i));
                                                         parameters.push_back({});
                                                         return parameters;
                                                       }()));
      replaced->takeName(call);
      call->replaceAllUsesWith(replaced);
      call->eraseFromParent();
      // The callee leaves its own count in the counter: a caller that reads
      // the counter gets its value back.
      if (known == countAfterEntry.end()) llvm::IRBuilder<>(replaced->getNextNode()).CreateStore(count, counter);
    }
    original->eraseFromParent();
  }
  return llvm::PreservedAnalyses::none();
}

} // namespace vcc::ir
