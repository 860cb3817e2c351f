/*
 * core/error.c — the pending exception of the current thread: raising,
 * testing, fetching and clearing it (everything in core/error.h except
 * err_display / err_print, which live in core/traceback.c).
 *
 * Invariants:
 *  - thread_current()->exc is NULL or an owned reference to an exception
 *    instance (never a class, never a (type, value) pair).
 *  - Raising replaces any exception already pending (as CPython's
 *    PyErr_SetObject does); chaining __context__ is the interpreter's job.
 *  - err_no_memory never allocates through a path that could call it again:
 *    when creating a fresh MemoryError fails it raises a preallocated,
 *    immortal instance.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "../objects/exceptions.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "error.h"

// Set by exceptions.c once the exception types exist (the fallback MemoryError).
obj_t *err_prealloc_memerror;

static void set_pending(obj_t *exc) {
    thread_t *ts = thread_current();
    if (ts == NULL) { // not attached: nowhere to store it
        DECREF(exc);
        return;
    }
    obj_t *old = ts->exc;
    ts->exc = exc;
    XDECREF(old);
}

void err_set_object(obj_t *exc) {
    if (exc == NULL) return;
    if (TYPE_CHECK(exc) && EXC_TYPE_CHECK(exc)) { // a class: instantiate it
        err_set((type_t *)exc, NULL);
        return;
    }
    INCREF(exc);
    set_pending(exc);
}

void err_set(type_t *type, obj_t *value) {
    obj_t *args;
    if (value != NULL && EXC_CHECK(value) && type_is_subtype(TYPE(value), type)) {
        err_set_object(value);
        return;
    }
    if (value == NULL)
        args = tuple_new(0);
    else if (TUPLE_CHECK(value))
        args = NEWREF(value);
    else
        args = tuple_pack(1, value);
    if (args == NULL) return; // MemoryError pending
    obj_t *exc = exc_new(type, args);
    DECREF(args);
    if (exc == NULL) return; // whatever went wrong creating it is pending
    set_pending(exc);
}

void err_set_str(type_t *type, const char *msg) {
    obj_t *s = str_from_cstr(msg);
    if (s == NULL) return;
    err_set(type, s);
    DECREF(s);
}

void err_format(type_t *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    obj_t *msg = str_from_vformat(fmt, ap);
    va_end(ap);
    if (msg == NULL) return; // the formatting error (e.g. a failing repr) is pending
    err_set(type, msg);
    DECREF(msg);
}

bool err_occurred(void) {
    thread_t *ts = thread_current();
    return ts != NULL && ts->exc != NULL;
}

obj_t *err_peek(void) {
    thread_t *ts = thread_current();
    return ts ? ts->exc : NULL;
}

bool err_matches(type_t *type) {
    obj_t *exc = err_peek();
    return exc != NULL && type != NULL && type_is_subtype(TYPE(exc), type);
}

obj_t *err_fetch(void) {
    thread_t *ts = thread_current();
    if (ts == NULL) return NULL;
    obj_t *exc = ts->exc;
    ts->exc = NULL;
    return exc;
}

void err_restore(obj_t *exc) {
    thread_t *ts = thread_current();
    if (ts == NULL) {
        XDECREF(exc);
        return;
    }
    obj_t *old = ts->exc;
    ts->exc = exc;
    XDECREF(old);
}

void err_clear(void) {
    err_restore(NULL);
}

// Address space held back for bad times (an untouched PROT_NONE mapping:
// no memory, only its share of ulimit -v): the first MemoryError unmaps
// it, so that the handler that catches the error (printing it, a
// traceback, cleaning up) can still allocate when the program has used up
// an address-space limit with small objects.  Mapped again by
// err_mem_reserve_refill (after each collection) once there is room.
// Under such a limit jemalloc is also told to grow its arenas' address
// space 2 MB at a time, not by doubling, so that it fits in what is left.
#define MEM_RESERVE_BYTES ((size_t)8 << 20)
static void *_Atomic mem_reserve;

// jemalloc's control interface (absent in the sanitizer builds, which use
// the system allocator).
extern int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
    __attribute__((weak));

__attribute__((constructor)) static void mem_reserve_init(void) {
    struct rlimit rl;
    if (mallctl != NULL && getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        size_t lim = (size_t)2 << 20;
        unsigned n = 0;
        size_t sz = sizeof(n);
        if (mallctl("arenas.narenas", &n, &sz, NULL, 0) == 0)
            for (unsigned i = 0; i < n; i++) {
                char name[64];
                snprintf(name, sizeof(name), "arena.%u.retain_grow_limit", i);
                (void)mallctl(name, NULL, NULL, &lim, sizeof(lim));
            }
    }
    err_mem_reserve_refill();
}

void err_mem_reserve_refill(void) {
    if (atomic_load_explicit(&mem_reserve, memory_order_relaxed) != NULL) return;
    // Only with room to spare: right after a MemoryError the handler needs
    // the memory more than the reserve does.
    void *probe = mmap(NULL, 4 * MEM_RESERVE_BYTES, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (probe == MAP_FAILED) return;
    munmap(probe, 4 * MEM_RESERVE_BYTES);
    void *p = mmap(NULL, MEM_RESERVE_BYTES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED) return;
    void *expected = NULL;
    if (!atomic_compare_exchange_strong(&mem_reserve, &expected, p)) munmap(p, MEM_RESERVE_BYTES);
}

obj_t *err_no_memory(void) {
    void *reserve = atomic_exchange(&mem_reserve, NULL);
    if (reserve != NULL) munmap(reserve, MEM_RESERVE_BYTES);
    static __thread int busy;
    if (!busy && exc_MemoryError != NULL) {
        busy = 1;
        obj_t *args = tuple_new(0);
        obj_t *exc = args ? exc_new(exc_MemoryError, args) : NULL;
        XDECREF(args);
        busy = 0;
        if (exc != NULL) {
            set_pending(exc);
            return NULL;
        }
    }
    if (err_prealloc_memerror != NULL) {
        exc_set_traceback(err_prealloc_memerror, NULL);
        err_set_object(err_prealloc_memerror);
    }
    return NULL;
}

obj_t *err_bad_argument(const char *fname) {
    (void)fname;
    err_set_str(exc_TypeError, "bad argument type for built-in operation");
    return NULL;
}

obj_t *err_from_errno(int errnum, const char *filename) {
    obj_t *num = SMALLINT_FROM(errnum);
    obj_t *msg = str_from_cstr(strerror(errnum));
    if (msg == NULL) return NULL;
    obj_t *args;
    if (filename != NULL) {
        obj_t *fn = str_from_cstr(filename);
        if (fn == NULL) {
            DECREF(msg);
            return NULL;
        }
        args = tuple_pack(3, num, msg, fn);
        DECREF(fn);
    } else {
        args = tuple_pack(2, num, msg);
    }
    DECREF(msg);
    if (args == NULL) return NULL;
    // OSError(errno, ...) picks the subclass (FileNotFoundError for ENOENT ...).
    obj_t *exc = exc_new(exc_OSError, args);
    DECREF(args);
    if (exc != NULL) set_pending(exc);
    return NULL;
}
