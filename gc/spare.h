/*
 * gc/spare.h — spare references: a thread's reuse of the counted references
 * it drops to small immutable objects of other threads.
 *
 * When a thread drops a counted reference to an object another thread owns,
 * biased reference counting subtracts from the object's shared count: an
 * atomic write to a cache line that every reader of that object shares.
 * When the same thread soon takes a new reference to the same object (the
 * next sorted(WORDS) makes a list of the same strings the last one held),
 * it adds the count back: another shared write.  For a *leaf* object (exact
 * str, bytes, int, float or complex: TPFLAG_LEAF, no pointers to other
 * objects, no weakrefs, no finalizer, so nothing can observe when it dies)
 * the dropped reference is kept instead: the thread records "one spare
 * counted reference to o" in a small per-thread table and writes nothing.
 * A later non-owner increment of o by the same thread takes the spare, and
 * writes nothing either.
 *
 * Invariant: a spare is a real count in o's shared field that no pointer
 * stands for.  So o cannot die while a spare exists, and no other thread
 * ever needs to know about it.  Spares are returned (a real shared
 * decrement, brc_decref_apply) when their slot is needed for another object,
 * when the thread exits (thread_detach), and by gc.collect().  Returning
 * late only delays the death of a leaf object, which nothing observes; to
 * bound the memory that delay may hold, only small objects (at most
 * SPARE_MAX_BYTES of payload) are kept, in SPARE_SLOTS slots per thread.
 *
 * The table is private to its thread (no atomics); the objects' counts are
 * touched only through brc_incref_shared / brc_decref_apply as before, so
 * the biased-counting state machine (gc/refcount.c) is unchanged.
 */
#ifndef PVM_SPARE_H
#define PVM_SPARE_H

#include "../objects/object.h"
#include "../threads/thread.h"

#define SPARE_MAX_BYTES 128

// True for objects whose references may be kept as spares.
bool spare_eligible(obj_t *o);

// The two slots (one cache line) o may occupy.
static inline credit_t *spare_slot(thread_t *ts, obj_t *o) {
    uint64_t h = ((uint64_t)(uintptr_t)o >> 4) * 0x9E3779B97F4A7C15ull;
    return &ts->spares[(h >> (64 - SPARE_BITS)) & ~(uint64_t)1];
}

// Takes one of this thread's spare references to o for a new reference:
// true when there was one (nothing written to o).
static inline bool spare_take(thread_t *ts, obj_t *o) {
    if (ts == NULL || ts->nspares == 0) return false;
    credit_t *c = spare_slot(ts, o);
    if (c[0].obj != o) {
        if (c[1].obj != o) return false;
        c++;
    }
    if (--c->n == 0) {
        c->obj = NULL;
        ts->nspares--;
    }
    return true;
}

// Keeps a counted reference this thread drops to o (another thread's) as a
// spare: true when kept (nothing written), false when o is not eligible
// and the caller must apply the decrement.
bool spare_put(thread_t *ts, obj_t *o);

// Returns every spare of the thread (real shared decrements).
void spare_flush(thread_t *ts);

#endif // PVM_SPARE_H
