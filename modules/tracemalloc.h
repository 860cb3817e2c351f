/*
 * modules/tracemalloc.h — the allocation hooks of the `_tracemalloc`
 * module (modules/tracemalloc.c), called by gc/alloc.c.
 *
 * While tracing is off the object allocator pays one relaxed load of
 * tracemalloc_active per allocation and per free; the hooks themselves are
 * out of line.
 */
#ifndef PVM_TRACEMALLOC_H
#define PVM_TRACEMALLOC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

// Hidden: the fast paths read it PC-relative, not through the GOT (one
// instruction fewer per allocation and free in the position-independent
// library build).
extern _Atomic bool tracemalloc_active __attribute__((visibility("hidden")));

static inline bool tracemalloc_is_active(void) {
    return atomic_load_explicit(&tracemalloc_active, memory_order_relaxed);
}

// Both are cold: the allocators' fast paths keep their shape (inlining,
// tail calls) with the hook calls in place.
// Records a block of `size` bytes at `ptr` with the calling thread's
// current Python traceback.  Never raises (a trace that cannot be stored
// is dropped).
__attribute__((cold)) void tracemalloc_track(const void *ptr, size_t size);
// Forgets the block at `ptr` (call before it is freed).
__attribute__((cold)) void tracemalloc_untrack(const void *ptr);

// -X tracemalloc[=N] / PYTHONTRACEMALLOC=N at start-up: 0, or -1 after
// printing CPython's fatal error for an invalid number of frames.
int tracemalloc_start_from_options(char **xopts, int n, bool use_env);

#endif // PVM_TRACEMALLOC_H
