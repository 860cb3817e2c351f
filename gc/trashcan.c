/*
 * gc/trashcan.c — bounded-depth deallocation; the design, the state machine
 * and why the header words may be reused are in gc/trashcan.h.
 *
 * Invariants:
 *   - thread_t.trash is touched by its own thread only;
 *   - depth == 0 implies head == tail == NULL (the outermost dealloc drains
 *     before it returns);
 *   - an object on the list is dead, its ob_tid/ob_ref_local hold the link
 *     (link_store), and it is restored (unlink) before its dealloc runs.
 */
#include <stddef.h>

#include "trashcan.h"
#include "gc.h"
#include "../modules/weakref.h"

_Static_assert(offsetof(obj_t, ob_tid) == 0 && offsetof(obj_t, ob_ref_local) == 4,
               "the link needs ob_tid and ob_ref_local to be the first 8 header bytes");
_Static_assert(sizeof(uintptr_t) <= 2 * sizeof(uint32_t), "a pointer must fit in two words");

// Bit 0 of a stored link: ob_tid was this thread's id at death (else 0).
#define LINK_OWNED ((uintptr_t)1)

// The link word of a put-off object: next object | LINK_OWNED.  Relaxed
// atomics because the fields are atomic; only this thread touches them.
static uintptr_t link_load(obj_t *o) {
    uint64_t lo = atomic_load_explicit(&o->ob_tid, memory_order_relaxed);
    uint64_t hi = atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed);
    return (uintptr_t)(lo | (hi << 32));
}

static void link_store(obj_t *o, uintptr_t link) {
    atomic_store_explicit(&o->ob_tid, (uint32_t)link, memory_order_relaxed);
    atomic_store_explicit(&o->ob_ref_local, (uint32_t)((uint64_t)link >> 32), memory_order_relaxed);
}

static void set_next(obj_t *o, obj_t *next) {
    link_store(o, (link_load(o) & LINK_OWNED) | (uintptr_t)next);
}

// Appends the dead object `o` to the thread's list.
static void put_off(thread_t *ts, obj_t *o) {
    struct trashcan *tc = &ts->trash;
    uint32_t tid = atomic_load_explicit(&o->ob_tid, memory_order_relaxed);
    PVM_ASSERT(((uintptr_t)o & LINK_OWNED) == 0);
    PVM_ASSERT(atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed) == 0);
    PVM_ASSERT(tid == 0 || tid == ts->tid);
    link_store(o, tid != 0 ? LINK_OWNED : 0);
    if (tc->tail != NULL)
        set_next(tc->tail, o);
    else
        tc->head = o;
    tc->tail = o;
}

// Restores the header words of a put-off object; returns the next one.
static obj_t *unlink_obj(thread_t *ts, obj_t *o) {
    uintptr_t link = link_load(o);
    atomic_store_explicit(&o->ob_ref_local, 0, memory_order_relaxed);
    atomic_store_explicit(&o->ob_tid, (link & LINK_OWNED) ? ts->tid : 0, memory_order_relaxed);
    return (obj_t *)(link & ~LINK_OWNED);
}

// Runs everything put off, depth-first in the order an unbounded recursion
// would have started it.  Called with depth == 1 (the outermost level).
static void drain(thread_t *ts) {
    struct trashcan *tc = &ts->trash;
    PVM_ASSERT(tc->depth == 1);
    obj_t *rest = tc->head;
    tc->head = tc->tail = NULL;
    while (rest != NULL) {
        obj_t *o = rest;
        rest = unlink_obj(ts, o);
        obj_dealloc(o);
        if (tc->head != NULL) {
            // What o put off comes before o's later siblings.
            set_next(tc->tail, rest);
            rest = tc->head;
            tc->head = tc->tail = NULL;
        }
    }
}

void trashcan_dealloc(obj_t *o) {
    // Dead from here on: the collector must not see it (gc/gc.h).
    gc_untrack_dying(o);
    thread_t *ts = pvm_tls_thread;
    if (PVM_UNLIKELY(ts == NULL)) {
        obj_dealloc(o);
        return;
    }
    struct trashcan *tc = &ts->trash;
    if (PVM_UNLIKELY(tc->depth >= TRASHCAN_DEPTH)) {
        // Weakrefs must not reach an object whose ob_tid and ob_ref_local
        // hold the link: they die before it is put off (obj_dealloc clears
        // the others, gc/alloc.c).
        if (PVM_UNLIKELY(atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_WEAKREFS))
            weakref_clear_referent(o);
        put_off(ts, o);
        return;
    }
    tc->depth++;
    obj_dealloc(o);
    if (PVM_UNLIKELY(tc->head != NULL) && tc->depth == 1) drain(ts);
    tc->depth--;
}

void trashcan_thread_fini(thread_t *ts) {
    struct trashcan *tc = &ts->trash;
    PVM_ASSERT(tc->depth == 0);
    if (tc->head == NULL || tc->depth != 0) return;
    tc->depth = 1;
    drain(ts);
    tc->depth = 0;
}

size_t trashcan_pending(thread_t *ts) {
    size_t n = 0;
    for (obj_t *o = ts->trash.head; o != NULL; o = (obj_t *)(link_load(o) & ~LINK_OWNED))
        n++;
    return n;
}
