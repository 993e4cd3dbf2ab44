/* The counted stack budget (docs/passes.md, "Defined semantics"): the IR
 * plugin's vcc-stack-budget pass adds each counted frame to this counter
 * and calls __vcc_stack_overflow past the budget, natively and here alike. */
#include <stdint.h>

#include "runtime_internal.h"

_Thread_local uint64_t __vcc_stack_used;

VCC_GUEST_NORETURN void __vcc_stack_overflow(void) { __vcc_trap("vcc: stack budget exceeded\n"); }
