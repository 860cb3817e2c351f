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
 */
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>

#include "../core/error.h"
#include "../modules/weakref.h"
#include "../objects/object.h"
#include "../objects/set.h"
#include "../objects/tuple.h"
#include "../objects/type_internal.h"

// The largest block pvm asks the allocator for: what the kernel's heuristic
// overcommit lets CPython's glibc malloc map (RAM + swap).  Set before main().
static size_t alloc_limit = SIZE_MAX / 2;

__attribute__((constructor)) static void alloc_limit_init(void) {
    struct sysinfo si;
    if (sysinfo(&si) != 0 || si.mem_unit == 0) return;
    unsigned __int128 total = ((unsigned __int128)si.totalram + si.totalswap) * si.mem_unit;
    if (total > 0 && total < alloc_limit) alloc_limit = (size_t)total;
}

bool obj_alloc_too_big(size_t nbytes) {
    return nbytes > alloc_limit;
}

obj_t *obj_alloc(type_t *type, size_t size) {
    PVM_ASSERT(size >= sizeof(obj_t));
    if (PVM_UNLIKELY(size > alloc_limit)) return err_no_memory();
    obj_t *o = calloc(1, size);
    if (PVM_UNLIKELY(o == NULL)) return err_no_memory();
    atomic_store_explicit(&o->ob_tid, current_tid(), memory_order_relaxed);
    atomic_store_explicit(&o->ob_ref_local, 1, memory_order_relaxed);
    o->ob_type = type;
    return o;
}

void obj_free(obj_t *o) {
    free(o);
}

void obj_dealloc(obj_t *o) {
    type_t *t = o->ob_type;
    // Weakrefs die before anything is freed; a class statement's type
    // clears them after __del__ (subtype_dealloc), as CPython does.
    if (PVM_UNLIKELY(atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_WEAKREFS) &&
        t->dealloc != subtype_dealloc)
        weakref_clear_referent(o);
    if (t->dealloc)
        t->dealloc(o);
    else
        obj_free(o);
}

void obj_immortalize(obj_t *o) {
    if (IS_SMALLINT(o)) return;
    atomic_store_explicit(&o->ob_ref_local, REF_IMMORTAL, memory_order_relaxed);
    atomic_store_explicit(&o->ob_tid, 0, memory_order_relaxed);
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
