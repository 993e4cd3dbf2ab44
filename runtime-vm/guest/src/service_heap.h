/* The service heap (service_heap.c): the allocator behind malloc and
 * operator new in the RISC-V image and, over an arena of the same size, in
 * the native binary. Not thread-safe: the native runtime serializes calls. */
#ifndef VCC_SERVICE_HEAP_H
#define VCC_SERVICE_HEAP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The arena's size on every target: the image's heap, [0x40000000, 0xC0000000). */
#define VCC_SERVICE_HEAP_BYTES ((size_t)2 << 30)

void vcc_heap_init(void* base, size_t size);
int vcc_heap_contains(const void* pointer);
/* Bytes from the arena's start that were ever handed out (the high-water mark). */
size_t vcc_heap_touched_bytes(void);
void* vcc_heap_malloc(size_t size);
void* vcc_heap_calloc(size_t count, size_t size);
void* vcc_heap_realloc(void* pointer, size_t size);
void* vcc_heap_aligned_alloc(size_t alignment, size_t size);
void vcc_heap_free(void* pointer);
size_t vcc_heap_usable_size(void* pointer);

#ifdef __cplusplus
}
#endif

#endif
