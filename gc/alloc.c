/*
 * gc/alloc.c — object memory: allocation, deallocation and immortality.
 *
 * Objects come from the process allocator, which is jemalloc in normal
 * builds (CMake links it as malloc) so every thread allocates from its own
 * thread cache without contention.  Sanitizer builds link the system
 * allocator so ASan/TSan see every object.
 *
 * A new object is owned by the allocating thread (ob_tid) with one local
 * reference.  obj_dealloc runs the type's dealloc, which releases the
 * object's references and ends in obj_free.
 *
 * An object of a class (a heap type) holds a reference to it from
 * obj_alloc to obj_free, as in CPython: classes made at run time are
 * counted (objects/type.c).  For an immortal class both are no-ops.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>

#include "../core/error.h"
#include "gc.h"
#include "../modules/tracemalloc.h"
#include "../modules/weakref.h"
#include "../objects/object.h"
#include "../objects/set.h"
#include "../objects/tuple.h"
#include "../objects/type_internal.h"
#include "../threads/race.h"
#if PVM_ASAN
#include <sanitizer/lsan_interface.h>
#endif

// The largest block pvm asks the allocator for: what the kernel's heuristic
// overcommit lets CPython's glibc malloc map (RAM + swap).  Set before main().
static size_t alloc_limit = SIZE_MAX / 2;

__attribute__((constructor)) static void alloc_limit_init(void) {
    struct sysinfo si;
    if (sysinfo(&si) != 0 || si.mem_unit == 0) return;
    unsigned __int128 total = ((unsigned __int128)si.totalram + si.totalswap) * si.mem_unit;
    if (total > 0 && total < alloc_limit) alloc_limit = (size_t)total;
}

// Zeroed memory for an object.  Above a few pages it is malloc + memset,
// not calloc: for a zeroed request jemalloc hands back dirty memory it has
// kept for reuse by purging it first (madvise MADV_DONTNEED), so every page
// faults again when the object is filled in; building a 1 MB bytes object
// in 16 KB steps (`buf += data`) spent 80% of its time in those faults.
// memset on memory that is already mapped costs far less, and the caller
// writes the object right away, so fresh pages are touched either way.
#define ZALLOC_MEMSET_FROM (64 * 1024)

// Called through a volatile pointer: GCC turns malloc + memset back into
// calloc otherwise.
static void *(*volatile const zero_fill)(void *, int, size_t) = memset;

static void *zalloc(size_t size) {
    if (size < ZALLOC_MEMSET_FROM) return calloc(1, size);
    void *p = malloc(size);
    if (p != NULL) zero_fill(p, 0, size);
    return p;
}

bool obj_alloc_too_big(size_t nbytes) {
    return nbytes > alloc_limit;
}

obj_t *obj_alloc(type_t *type, size_t size) {
    PVM_ASSERT(size >= sizeof(obj_t));
    if (PVM_UNLIKELY(size > alloc_limit)) return err_no_memory();
    if (type->traverse != NULL) {
        // A container: the collector's head goes before the header (gc/gc.h).
        char *base = zalloc(sizeof(gc_head_t) + size);
        if (PVM_UNLIKELY(base == NULL)) return err_no_memory();
        obj_t *o = (obj_t *)(base + sizeof(gc_head_t));
        brc_init_ref(o, REF_SHARED_NONE);
        if (type_has_flag(type, TPFLAG_HEAPTYPE)) INCREF((obj_t *)type);
        o->ob_type = type;
        atomic_store_explicit(&o->ob_gc_bits, GC_HEAD, memory_order_relaxed);
        gc_track(o);
        if (PVM_UNLIKELY(tracemalloc_is_active())) tracemalloc_track(o, sizeof(gc_head_t) + size);
        return o;
    }
    obj_t *o = zalloc(size);
    if (PVM_UNLIKELY(o == NULL)) return err_no_memory();
    brc_init_ref(o, REF_SHARED_NONE);
    if (type_has_flag(type, TPFLAG_HEAPTYPE)) INCREF((obj_t *)type);
    o->ob_type = type;
    if (PVM_UNLIKELY(tracemalloc_is_active())) tracemalloc_track(o, size);
    return o;
}

void obj_free(obj_t *o) {
    type_t *t = o->ob_type;
    if (PVM_UNLIKELY(tracemalloc_is_active())) tracemalloc_untrack(o);
    if (gc_has_head(o)) {
        gc_untrack(o);
        free(gc_head_of(o));
    } else {
        free(o);
    }
    if (type_has_flag(t, TPFLAG_HEAPTYPE)) DECREF((obj_t *)t);
}

// The rare objects with weak references or -X race state, out of line.
static PVM_NOINLINE void dealloc_flagged(obj_t *o, type_t *t) {
    uint8_t bits = atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed);
    if (bits & GC_RACE) race_forget(o); // -X race: the address starts with no history
    if ((bits & GC_WEAKREFS) && t->dealloc != subtype_dealloc) weakref_clear_referent(o);
}

void obj_dealloc(obj_t *o) {
    type_t *t = o->ob_type;
    // Weakrefs die before anything is freed; a class statement's type
    // clears them after __del__ (subtype_dealloc), as CPython does.
    if (PVM_UNLIKELY(atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) &
                     (GC_WEAKREFS | GC_RACE)))
        dealloc_flagged(o, t);
    if (t->dealloc)
        t->dealloc(o);
    else
        obj_free(o);
}

void obj_immortalize(obj_t *o) {
    if (IS_SMALLINT(o)) return;
    atomic_store_explicit(&o->ob_ref_local, REF_IMMORTAL, memory_order_relaxed);
    atomic_store_explicit(&o->ob_tid, 0, memory_order_relaxed);
#if PVM_ASAN
    // Never freed by design: not a leak for LeakSanitizer, and neither is
    // what it references (a static object is not a heap chunk: ignored).
    __lsan_ignore_object(o);
#endif
}

void obj_immortalize_tree(obj_t *o) {
    if (IS_SMALLINT(o) || obj_is_immortal(o)) return;
    obj_immortalize(o);
    if (TUPLE_CHECK(o)) {
        for (size_t i = 0; i < TUPLE_SIZE(o); i++)
            obj_immortalize_tree(TUPLE_GET(o, i));
    } else if (OBJ_IS_TYPE(o, &frozenset_type)) {
        ssize_t pos = 0;
        obj_t *k;
        while (set_next(o, &pos, &k)) {
            obj_immortalize_tree(k);
            DECREF(k);
        }
    }
}
