/*
 * gc/qsbr.h — deferred reclamation over liburcu's QSBR flavour.
 *
 * Memory that another thread may be reading without a lock (list item
 * arrays, dict key tables) is freed, and references that a *shared*
 * container drops are released, only after a grace period: after every
 * attached thread has passed a quiescent state (its eval breaker, or being
 * offline in a blocking call).  A thread that loaded a pointer lock-free
 * and has not yet reached its next quiescent point can therefore still use
 * it, and take its own reference to it.
 *
 * Retired items collect in a per-thread batch; a full batch goes to
 * urcu_qsbr_call_rcu, whose callback hands it back to the owning thread,
 * which releases it at its next eval-breaker check (so DECREFs and deallocs
 * always run on an attached VM thread, never on liburcu's worker).
 */
#ifndef PVM_QSBR_H
#define PVM_QSBR_H

#include "../objects/object.h"
#include "../threads/thread.h"

// free(p) after a grace period.  `bytes` counts toward the batch limit.
void qsbr_retire_mem(void *p, size_t bytes);
// DECREF(o) after a grace period.
void qsbr_defer_decref(obj_t *o);
// Releases the batches whose grace period has elapsed (eval breaker).
void qsbr_process(thread_t *ts);
// Thread attach: batches may be used (again) on this OS thread.
void qsbr_thread_init(void);
// Thread exit: waits for this thread's batches and releases them; later
// retirements on this thread wait for a grace period on the spot.
void qsbr_thread_fini(thread_t *ts);
// Submits the current partial batch now (tests, idle threads).
void qsbr_flush(thread_t *ts);
// TSan: marks this thread's quiescent state (no-op in other builds).
void qsbr_tsan_release(void);

// True when `container` may be read by threads other than the caller, so a
// reference it drops must go through qsbr_defer_decref.  Pairs with
// qsbr_mark_shared (see threads/critical.h for the ordering argument).
static inline bool qsbr_is_shared(obj_t *container) {
    atomic_thread_fence(memory_order_seq_cst);
    // A lone thread has no concurrent readers: drop at once, which keeps
    // CPython's prompt finalization (__del__) for single-threaded programs.
    // A thread that attaches later increments the count (seq_cst) before its
    // first read, so either we see it here or it cannot see the old item.
    if (atomic_load_explicit(&pvm_attached_threads, memory_order_relaxed) <= 1) return false;
    return (atomic_load_explicit(&container->ob_gc_bits, memory_order_relaxed) & GC_SHARED) != 0 ||
           atomic_load_explicit(&container->ob_tid, memory_order_relaxed) != current_tid();
}

// Called by a thread before it reads `container` lock-free when it is not
// the owner: publishes that readers exist, so later drops are deferred.
static inline void qsbr_mark_shared(obj_t *container) {
    _Atomic uint8_t *bits = &container->ob_gc_bits;
    if (!(atomic_load_explicit(bits, memory_order_relaxed) & GC_SHARED)) {
        atomic_fetch_or_explicit(bits, GC_SHARED, memory_order_seq_cst);
    }
}

// Before a lock-free read of `holder` (a container, cell or object whose
// pointer fields other threads may replace): a thread that is not its owner
// marks it shared, so the writer defers what it drops.
static inline void qsbr_before_lockfree_read(obj_t *holder) {
    if (atomic_load_explicit(&holder->ob_tid, memory_order_relaxed) != current_tid())
        qsbr_mark_shared(holder);
}

// Drops a reference that `container` held: now if nobody else can be
// reading the container, else after a grace period.
static inline void qsbr_container_drop(obj_t *container, obj_t *item) {
    if (item == NULL || IS_SMALLINT(item)) return;
    if (qsbr_is_shared(container))
        qsbr_defer_decref(item);
    else
        DECREF(item);
}

#endif // PVM_QSBR_H
