/* The heap: sbrk over [__heap_start, __heap_end) for picolibc's malloc.
 *
 * The bound is fixed by the linker script, so running out of memory happens
 * at the same allocation on every host. C's malloc then returns NULL as the
 * standard says; operator new and vcc_read_request_all turn that into the
 * out-of-memory exit (__vcc_out_of_memory, fail.c). */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "runtime_internal.h"

static uintptr_t heap_break; /* 0 until the first call */

void* sbrk(ptrdiff_t increment) {
  const uintptr_t heap_start = __vcc_layout[0];
  const uintptr_t heap_end = __vcc_layout[1];
  if (heap_break == 0) heap_break = heap_start;
  uintptr_t previous = heap_break;
  if (increment >= 0 ? (uintptr_t)increment > heap_end - previous
                     : (uintptr_t)0 - (uintptr_t)increment > previous - heap_start) {
    errno = ENOMEM;
    return (void*)-1;
  }
  heap_break = previous + (uintptr_t)increment;
  return (void*)previous;
}
