// A trap natively is the VM's trap outcome: exit code kExitTrapped (100),
// no response (runtime-native/src/trap_handler.cpp, docs/passes.md,
// "Defined semantics").
#pragma once

#include <csetjmp>

#include "vcc/native/exit_codes.hpp"

namespace vcc::native {

// Makes faults and libc++'s failed checks end the program with kExitTrapped
// (trap_handler.cpp; in the runtime that services link).
void installTrapHandlers();
// The calling thread's own stack for the trap handler (a thread that runs
// service code calls it first, so that a stack overflow still traps).
void installAlternateSignalStack();
void writeText(const char* text);
// Where a trap goes instead of ending the process (in-process fuzzing);
// cleared when taken. trapOutcome(code) ends the process with `code`, or
// jumps there with it.
extern sigjmp_buf* trapRecovery;
[[noreturn]] void trapOutcome(int code);

}  // namespace vcc::native
