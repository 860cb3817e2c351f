/*
 * core/config.h — every compile-time option of pvm, in one place.
 *
 * Each option is defined here with its default and tested with `#if` (never
 * `#ifdef`); the build uses -Wundef so a misspelled option is an error rather
 * than a silent 0.  CMake overrides options with -DPVM_X=1.
 */
#ifndef PVM_CONFIG_H
#define PVM_CONFIG_H

// Internal assertions (debug build).  Off in release builds.
#ifndef PVM_DEBUG
#define PVM_DEBUG 0
#endif

// Dispatch the interpreter loop through a table of label addresses (GCC's
// computed goto).  0 builds the same handlers as a plain switch.
#ifndef PVM_COMPUTED_GOTO
#define PVM_COMPUTED_GOTO 1
#endif

// jemalloc is linked as the process allocator (malloc/calloc/free, and so
// every object): CMake sets it to 0 for sanitizer and fuzzing builds, whose
// allocators must see every block.  tests/c/test_alloc.c checks that a
// build saying 1 really allocates from jemalloc.
#ifndef PVM_USE_JEMALLOC
#define PVM_USE_JEMALLOC 1
#endif

// Built with ThreadSanitizer: annotate the grace periods that TSan cannot see
// through liburcu (DESIGN.md section 9).
#ifndef PVM_TSAN
#define PVM_TSAN 0
#endif

// Default recursion limit for Python frames (sys.getrecursionlimit()).
#ifndef PVM_DEFAULT_RECURSION_LIMIT
#define PVM_DEFAULT_RECURSION_LIMIT 1000
#endif

// Maximum depth of C-level recursion (repr of nested containers, calls from C
// back into Python) before RecursionError; keeps the C stack bounded.
#ifndef PVM_MAX_C_DEPTH
#define PVM_MAX_C_DEPTH 3000
#endif

#if PVM_DEBUG
#include <assert.h>
#define PVM_ASSERT(x) assert(x)
#else
#define PVM_ASSERT(x) ((void)0)
#endif

#define PVM_UNUSED      __attribute__((unused))
#define PVM_WUR         __attribute__((warn_unused_result))
#define PVM_LIKELY(x)   __builtin_expect(!!(x), 1)
#define PVM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PVM_NOINLINE    __attribute__((noinline))
#define PVM_NORETURN    __attribute__((noreturn))

// PVM_ASAN: built with AddressSanitizer (gcc says __SANITIZE_ADDRESS__,
// clang says __has_feature(address_sanitizer)); the one test of it.
#if defined(__SANITIZE_ADDRESS__)
#define PVM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PVM_ASAN 1
#endif
#endif
#ifndef PVM_ASAN
#define PVM_ASAN 0
#endif

#endif // PVM_CONFIG_H
