// A trap natively is the same outcome as a trap in the VM (docs/passes.md,
// "Defined semantics"): the program ends with exit code 100, the code `vcc
// run` gives for a trapped guest, and without a response (the response is
// written only after the service returns). Faults (a null or wild pointer,
// a stack overflow, __builtin_trap from a bounds check) arrive as signals;
// libc++'s failed hardening checks and "throws" in -fno-exceptions mode
// call __libcpp_verbose_abort, which the guest runtime also turns into a
// trap. Only in the libc++ build of the runtime, which services link.
#include "vcc/native/traps.hpp"

#include <csetjmp>
#include <csignal>
#include <cstdint>
#include <initializer_list>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace vcc::native {

sigjmp_buf* trapRecovery = nullptr;

// async-signal-safe: write(2) only.
void writeText(const char* text) {
  size_t length = std::strlen(text);
  while (length > 0) {
    ssize_t written = ::write(2, text, length);
    if (written <= 0) return;
    text += written;
    length -= static_cast<size_t>(written);
  }
}

// In-process fuzzing (fuzz_main.cpp) recovers from a trap instead of
// ending the process.
[[noreturn]] void trapOutcome(int code) {
  if (sigjmp_buf* recovery = trapRecovery) {
    trapRecovery = nullptr;
    siglongjmp(*recovery, code);
  }
  ::_exit(code);
}

namespace {

void onFault(int signal) {
  if (trapRecovery != nullptr) trapOutcome(kExitTrapped);
  switch (signal) {
  case SIGSEGV: writeText("vcc: trapped: invalid memory access (SIGSEGV)\n"); break;
  case SIGBUS: writeText("vcc: trapped: misaligned or invalid memory access (SIGBUS)\n"); break;
  case SIGILL: writeText("vcc: trapped: illegal instruction (SIGILL, e.g. a failed bounds check)\n"); break;
  case SIGFPE: writeText("vcc: trapped: arithmetic exception (SIGFPE)\n"); break;
  case SIGTRAP: writeText("vcc: trapped: breakpoint (SIGTRAP)\n"); break;
  default: writeText("vcc: trapped: abort() called\n"); break;
  }
  trapOutcome(kExitTrapped);
}

}  // namespace

}  // namespace vcc::native

// The counted stack budget (docs/passes.md, "Defined semantics"): the IR
// plugin's vcc-stack-budget pass counts service frames here, per thread, as
// the guest runtime does, and calls __vcc_stack_overflow past the budget.
extern "C" {
thread_local uint64_t __vcc_stack_used = 0;
[[noreturn]] void __vcc_stack_overflow() {
  std::fflush(stdout);
  if (vcc::native::trapRecovery == nullptr) vcc::native::writeText("vcc: stack budget exceeded\n");
  vcc::native::trapOutcome(vcc::native::kExitTrapped);
}
}

namespace vcc::native {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VCC_ASAN_OWNS_SIGNAL_STACKS 1
#endif
#endif

void installAlternateSignalStack() {
#if defined(VCC_ASAN_OWNS_SIGNAL_STACKS)
  // AddressSanitizer gives every thread an alternate stack and unmaps it
  // when the thread ends; one of ours would make that fail.
  return;
#else
  // A stack overflow's SIGSEGV needs a stack of its own to run on; each
  // thread has its own.
  static thread_local char alternateStack[1 << 16];
  stack_t stack{};
  stack.ss_sp = alternateStack;
  stack.ss_size = sizeof alternateStack;
  ::sigaltstack(&stack, nullptr);
#endif
}

void installTrapHandlers() {
  installAlternateSignalStack();
  struct sigaction action {};
  action.sa_handler = onFault;
  action.sa_flags = SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT}) ::sigaction(signal, &action, nullptr);
}

}  // namespace vcc::native

#if defined(_LIBCPP_VERSION)
// libc++'s hook (overridable; the library's own prints and calls abort()):
// the message on stderr, as the guest prints it on its debug log, then the
// trap outcome.
_LIBCPP_BEGIN_NAMESPACE_STD
void __libcpp_verbose_abort(const char* format, ...) {
  char message[512];
  va_list args;
  va_start(args, format);
  int length = std::vsnprintf(message, sizeof message - 1, format, args);
  va_end(args);
  if (length < 0) message[0] = '\0';
  size_t used = std::strlen(message);
  if (used == 0 || message[used - 1] != '\n') {
    message[used] = '\n';
    message[used + 1] = '\0';
  }
  std::fflush(stdout);
  if (vcc::native::trapRecovery == nullptr) vcc::native::writeText(message);
  vcc::native::trapOutcome(vcc::native::kExitTrapped);
}
_LIBCPP_END_NAMESPACE_STD
#endif
