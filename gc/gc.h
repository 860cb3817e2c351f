/*
 * gc/gc.h — the cycle collector (gc/collect.c): tracking of containers and
 * collections.  docs/memory.md has the design; this is the contract.
 *
 * Containers.  A type with a `traverse` slot (objects/object.h) is a
 * container.  obj_alloc gives each of its instances a gc_head_t in the 16
 * bytes before the object header (GC_HEAD in ob_gc_bits says so; obj_free
 * frees from the head) and records the object in the allocating thread's
 * registry: an append-only list of fixed chunks of object pointers, so a
 * slot never moves except inside a collector pause.  head->slot points at
 * the object's slot.
 *
 * Invariants:
 *  - A tracked object's slot holds the object; head->slot is NULL exactly
 *    when the object is untracked.
 *  - A slot is written only by (a) its registry's thread, filling an empty
 *    slot with a new object, (b) the thread whose decrement brought the
 *    object's count to zero (trashcan_dealloc untracks before any dealloc
 *    code runs), storing NULL, and (c) the collector inside a stop-the-world
 *    pause (compaction, and the move of a young collection's survivors
 *    to the old generation's registry).  So no two threads ever write the
 *    same slot.
 *  - An object in the middle of its death is untracked, so the collector
 *    never sees a count of zero or a trashcan link.
 *  - traverse visits strong (counted) references only; a reference it
 *    misses only makes the collector conservative (the referent looks
 *    reachable from outside), a reference it visits that is not counted
 *    would free a live object.
 */
#ifndef PVM_GC_H
#define PVM_GC_H

#include "../objects/object.h"

typedef struct gc_head {
    obj_t *_Atomic *slot; // registry slot holding the object; NULL = untracked
    int64_t refs;         // gc_refs, scratch of the collector's pause
} gc_head_t;

static inline gc_head_t *gc_head_of(obj_t *o) {
    return (gc_head_t *)o - 1;
}

static inline bool gc_has_head(obj_t *o) {
    return (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_HEAD) != 0;
}

// obj_alloc: registers a new container (head already zeroed).
void gc_track(obj_t *o);
// Removes o from its registry (no-op when untracked).
void gc_untrack(obj_t *o);
// trashcan_dealloc: o's count reached zero.
static inline void gc_untrack_dying(obj_t *o) {
    if (PVM_UNLIKELY(gc_has_head(o)) && gc_head_of(o)->slot != NULL) gc_untrack(o);
}
bool gc_is_tracked(obj_t *o);

// For traverse slots: visits each non-NULL entry of f[0..n), stopping at
// the first non-zero answer.
static inline int gc_visit_fields(obj_t *const *f, size_t n, visitproc visit, void *arg) {
    for (size_t i = 0; i < n; i++) {
        if (f[i] != NULL) {
            int r = visit(f[i], arg);
            if (r) return r;
        }
    }
    return 0;
}
#define GC_VISIT_FIELDS(visit, arg, ...)                                                           \
    gc_visit_fields((obj_t *const[]){__VA_ARGS__},                                                 \
                    sizeof((obj_t *const[]){__VA_ARGS__}) / sizeof(obj_t *), visit, arg)

// Runs a collection (gc.collect(generation)): 2 is a full one, 0 and 1 a
// young one, which examines only the objects that have not survived a
// collection yet (their survivors move to the old generation).  Returns
// the number of unreachable objects found, 0 when a collection is already
// running.  The caller holds no critical section.  Never raises.
ssize_t gc_collect(int generation);
// The eval breaker's EB_GC: an automatic collection if still enabled and
// this thread is not inside a finalizer (see gc_finalizer_enter).
void gc_collect_scheduled(void);
// Brackets code that runs because an object died (a __del__, a weakref
// callback, a dropped generator's finally blocks, an async generator's
// finalizer hook, the never-awaited warning).  No automatic collection starts
// on this thread in between: its weakref callbacks and finalizers would
// re-enter that code, which may hold a lock it cannot take twice (a callback
// that takes a Lock, interrupted by a collection that runs the same callback
// for another object, would wait for itself forever).  The collection runs
// at the thread's next eval-breaker check after the last exit; gc.collect()
// is not affected.  Every place that runs such code calls these.
void gc_finalizer_enter(void);
void gc_finalizer_exit(void);
// thread_detach: the thread's registry outlives it (its objects do).
void gc_thread_fini(void);

// The `gc` module's state (modules/gcmodule.c).
extern _Atomic bool gc_enabled;
extern _Atomic int64_t gc_threshold0;
extern _Atomic int gc_debug_flags;
#define GC_DEBUG_STATS         1
#define GC_DEBUG_COLLECTABLE   2
#define GC_DEBUG_UNCOLLECTABLE 4
#define GC_DEBUG_SAVEALL       32
int64_t gc_young_count(void);
// gc.callbacks / gc.garbage lists (set by the module; may be NULL).
// Published once by the gc module's first import (release), read by any
// thread's collection (acquire): atomic pointers.
extern obj_t *_Atomic gc_callbacks_list, *_Atomic gc_garbage_list;
// Written by the collecting thread after its pauses, read by gc.get_stats()
// on any thread: atomic.
typedef struct {
    _Atomic int64_t collections, collected, uncollectable;
} gc_stats_t;
extern gc_stats_t gc_stats[3];

// Inspection (each in a pause): every tracked object (a malloc'ed array of
// new references; *n its length; NULL on out of memory), the tracked
// objects that refer to any of objs[0..nobjs), and the referents of one.
obj_t **gc_all_objects(size_t *n);
obj_t **gc_referrers(obj_t *const *objs, size_t nobjs, size_t *n);
obj_t **gc_referents(obj_t *o, size_t *n);
// gc.freeze(): tracked objects move to a permanent set the collector skips.
void gc_freeze(void);
// At exit, when no other thread is attached: whether some tracked mortal
// object (frozen ones too) satisfies pred (core/exitclear.c).
bool gc_any_tracked(bool (*pred)(obj_t *o));
void gc_unfreeze(void);
size_t gc_freeze_count(void);

#endif // PVM_GC_H
