/*
 * gc/refcount.h — biased reference counting (Choi et al., PACT 2018; PEP 703).
 * Included by objects/object.h after the header struct; do not include alone.
 *
 * Invariants:
 *  - ob_ref_local is read and written only by the owner thread (ob_tid ==
 *    current tid); relaxed atomics compile to plain loads/stores, so the owner
 *    fast path has no locked instruction.  UINT32_MAX marks an immortal object,
 *    which is never counted and never freed.
 *  - Every other thread counts in ob_ref_shared with atomic add/sub of
 *    (1 << REF_SHARED_SHIFT).  The shared count may go negative while the owner
 *    still holds local references.
 *  - Low two bits of ob_ref_shared: REF_SHARED_NONE, REF_MAYBE_WEAKREF (set
 *    by modules/weakref.c: the field never returns to 0), REF_QUEUED (sitting in its owner's merge
 * queue), REF_MERGED (owner gave up; ob_tid is 0 and the object is counted in ob_ref_shared only).
 *  - The true count is local + (shared >> 2); the object is freed when it
 *    reaches zero, by whichever thread observes that (gc/refcount.c).
 *  - Tagged small ints are not pointers: INCREF/DECREF ignore them.
 */
#ifndef PVM_REFCOUNT_H
#define PVM_REFCOUNT_H

#ifndef PVM_OBJECT_H
#error "include objects/object.h instead of gc/refcount.h"
#endif

#define REF_IMMORTAL         UINT32_MAX
#define REF_SHARED_SHIFT     2
#define REF_SHARED_FLAG_MASK 0x3
#define REF_SHARED_NONE      0x0
#define REF_MAYBE_WEAKREF    0x1
#define REF_QUEUED           0x2
#define REF_MERGED           0x3

// The calling thread's small id (threads/thread.c); 0 before attach.
extern __thread uint32_t pvm_tls_tid __attribute__((tls_model("initial-exec")));

static inline uint32_t current_tid(void) {
    return pvm_tls_tid;
}

// pvm_tls_tid of a thread that has closed its merge queue (brc_thread_fini,
// while it exits): an id no object may carry, so it owns nothing.
#define BRC_TID_CLOSED UINT32_MAX

// Gives o its first reference: a new object, or a dead one resurrected for a
// finalizer (shared_flags: REF_MAYBE_WEAKREF when weakrefs still reach it,
// else REF_SHARED_NONE).  The calling thread owns it, except on a thread
// past brc_thread_fini, which owns nothing: there o starts merged, counted
// in ob_ref_shared only, as if its owner had already given it up.
static inline void brc_init_ref(obj_t *o, int32_t shared_flags) {
    uint32_t tid = pvm_tls_tid;
    if (PVM_LIKELY(tid != BRC_TID_CLOSED)) {
        atomic_store_explicit(&o->ob_tid, tid, memory_order_relaxed);
        atomic_store_explicit(&o->ob_ref_shared, shared_flags, memory_order_relaxed);
        atomic_store_explicit(&o->ob_ref_local, 1, memory_order_relaxed);
    } else {
        atomic_store_explicit(&o->ob_tid, 0, memory_order_relaxed);
        atomic_store_explicit(&o->ob_ref_local, 0, memory_order_relaxed);
        atomic_store_explicit(&o->ob_ref_shared, (1 << REF_SHARED_SHIFT) | REF_MERGED,
                              memory_order_relaxed);
    }
}

// Out-of-line slow paths (gc/refcount.c).
void brc_incref_shared(obj_t *o);
void brc_decref_shared(obj_t *o);
void brc_local_zero(obj_t *o);

static inline bool obj_is_immortal(obj_t *o) {
    return atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed) == REF_IMMORTAL;
}

static inline void INCREF(obj_t *o) {
    if (IS_SMALLINT(o)) return;
    uint32_t local = atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed);
    if (PVM_UNLIKELY(local == REF_IMMORTAL)) return;
    if (PVM_LIKELY(atomic_load_explicit(&o->ob_tid, memory_order_relaxed) == pvm_tls_tid)) {
        // Owner: plain store.  Reaching UINT32_MAX makes it immortal, which is
        // the documented overflow behaviour.
        atomic_store_explicit(&o->ob_ref_local, local + 1, memory_order_relaxed);
    } else {
        brc_incref_shared(o);
    }
}

static inline void DECREF(obj_t *o) {
    if (IS_SMALLINT(o)) return;
    uint32_t local = atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed);
    if (PVM_UNLIKELY(local == REF_IMMORTAL)) return;
    if (PVM_LIKELY(atomic_load_explicit(&o->ob_tid, memory_order_relaxed) == pvm_tls_tid)) {
        PVM_ASSERT(local > 0);
        local--;
        atomic_store_explicit(&o->ob_ref_local, local, memory_order_relaxed);
        if (local == 0) brc_local_zero(o);
    } else {
        brc_decref_shared(o);
    }
}

static inline void XINCREF(obj_t *o) {
    if (o) INCREF(o);
}
static inline void XDECREF(obj_t *o) {
    if (o) DECREF(o);
}
// Returns o after adding a reference: `return NEWREF(None);`
static inline obj_t *NEWREF(obj_t *o) {
    INCREF(o);
    return o;
}
// Replaces *slot with v (stolen), dropping the old value afterwards.
#define SETREF(slot, v)                                                                            \
    do {                                                                                           \
        obj_t *old_ = (slot);                                                                      \
        (slot) = (v);                                                                              \
        XDECREF(old_);                                                                             \
    } while (0)
#define CLEAR(slot)                                                                                \
    do {                                                                                           \
        obj_t *old_ = (obj_t *)(slot);                                                             \
        if (old_) {                                                                                \
            (slot) = NULL;                                                                         \
            DECREF(old_);                                                                          \
        }                                                                                          \
    } while (0)

// Total count (local + shared) as seen by the owner; for tests and debugging.
int64_t obj_refcount(obj_t *o);

#endif // PVM_REFCOUNT_H
