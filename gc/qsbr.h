/*
 * gc/qsbr.h — deferred reclamation over liburcu's QSBR flavour, and the one
 * way in for every lock-free read of memory that other threads may replace.
 *
 * Memory that another thread may be reading without a lock (list item
 * arrays, dict key tables) is freed, and references that a *shared*
 * container drops are released, only after a grace period: after every
 * attached thread has passed a quiescent state (its eval breaker, or being
 * offline in a blocking call).  A thread that loaded a pointer lock-free
 * and has not yet reached its next quiescent point can therefore still use
 * it, and take its own reference to it.
 *
 * The rule for a rebindable pointer field (an instance's __dict__, a cell's
 * contents, a __slots__ member, an exception's args, a function's
 * __defaults__ ...) that one thread may replace while others read it
 * without a lock has four steps, and they live here, nowhere else:
 *   reader: (1) a thread that is not the holder's owner marks the holder
 *           shared (seq_cst), (2) loads the field with acquire, (3) uses the
 *           value before its next quiescent state, or takes a counted
 *           reference or a register credit to keep it longer;
 *   writer: (4) publishes the new value with an exchange and releases the
 *           old one after a grace period when the holder may be read by
 *           another thread (at once otherwise).
 * qsbr_field_borrow / qsbr_field_load / qsbr_field_load_reg are the reader
 * side, qsbr_field_store / qsbr_field_init the writer side.  Nothing else may
 * read such a field without the holder's lock.  The quiescent-state calls
 * (qsbr_quiescent, qsbr_offline, qsbr_online) pay the thread's register
 * credits and annotate the grace period for TSan first; liburcu is called
 * from gc/qsbr.c only (.ci/check-structure enforces it).
 *
 * Retired items collect in a per-thread batch; a batch goes to
 * urcu_qsbr_call_rcu when it is full, when its oldest item has waited
 * QSBR_FLUSH_NS, or when the thread blocks; the callback hands it back to the
 * owning thread, which releases it at its next eval-breaker check (so
 * DECREFs and deallocs always run on an attached VM thread, never on
 * liburcu's worker).
 */
#ifndef PVM_QSBR_H
#define PVM_QSBR_H

#include "../objects/object.h"
#include "../threads/thread.h"
#include "credit.h"

// A deferred release waits at most about this long for its batch to be
// submitted (then one grace period): `del x` of an object another thread
// may be reading runs its __del__ within milliseconds, not at a batch fill.
#define QSBR_FLUSH_NS 1000000 // 1 ms

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
// Eval breaker, EB_QSBR_POLL set: submits the open batch once its oldest
// item has waited QSBR_FLUSH_NS, and keeps asking every thread for a
// quiescent state while this thread's batches wait for their grace period.
// Returns true when nothing is open or in flight (the bit may be cleared).
bool qsbr_poll(thread_t *ts);

// ---- quiescent states (threads/thread.c calls these, nothing else) ------------------------

// Registers the calling OS thread with liburcu (online) / unregisters it
// (it must be offline).
void qsbr_register(void);
void qsbr_unregister(void);
// Reports a quiescent state: pays this thread's register credits, marks the
// state for TSan, tells liburcu.  The caller holds no lock-free pointer.
void qsbr_quiescent(thread_t *ts);
// Goes offline (blocking region, park, exit) after paying credits, and
// submits the open batch so that an idle thread holds nothing back; online
// again after.
void qsbr_offline(thread_t *ts);
void qsbr_online(void);

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
    if (item == NULL || IS_SMALLINT(item) || obj_is_immortal(item)) return;
    if (qsbr_is_shared(container))
        qsbr_defer_decref(item);
    else
        DECREF(item);
}

// ---- rebindable pointer fields ------------------------------------------------------------

// Reader: the value of `*field` of `holder`, borrowed.  Valid until this
// thread's next quiescent state: the caller must not run Python code,
// block, or park on a mutex before it is done with it (or takes a
// reference).  May be NULL.
static inline obj_t *qsbr_field_borrow(obj_t *holder, obj_t *const *field) {
    qsbr_before_lockfree_read(holder);
    return atomic_load_explicit((_Atomic(obj_t *) *)field, memory_order_acquire);
}

// Reader: a new counted reference to `*field` of `holder`, or NULL.
static inline obj_t *qsbr_field_load(obj_t *holder, obj_t *const *field) {
    obj_t *v = qsbr_field_borrow(holder, field);
    if (v != NULL) INCREF(v);
    return v;
}

// Reader, for the interpreter only: a new reference that will live in a VM
// register of a frame running on this thread (a credit when another thread
// owns the value: see gc/credit.h).  May be NULL.
static inline obj_t *qsbr_field_load_reg(obj_t *holder, obj_t *const *field) {
    obj_t *v = qsbr_field_borrow(holder, field);
    if (v != NULL) INCREF_REG(v);
    return v;
}

// Reader, for the interpreter only: a register reference to `value`, just
// read from a slot of `holder` that is never rebound (a tuple's item), while
// this thread holds `holder`.  It may be a credit: `holder` keeps `value`
// alive until this thread lets `holder` go, and every way of letting go that
// could let it die on another thread pays the credits first (gc/credit.h).
static inline obj_t *qsbr_slot_load_reg(obj_t *holder, obj_t *value) {
    (void)holder;
    INCREF_REG(value);
    return value;
}

// Writer: stores `value` (stolen; may be NULL) into `*field` of `holder`
// and releases the value it replaces: after a grace period when another
// thread may be reading the holder, at once otherwise.  Writers of one
// field need no lock between them: the exchange hands each old value to
// exactly one releaser.
static inline void qsbr_field_store(obj_t *holder, obj_t **field, obj_t *value) {
    obj_t *old = atomic_exchange_explicit((_Atomic(obj_t *) *)field, value, memory_order_acq_rel);
    qsbr_container_drop(holder, old);
}

// Writer, lazy initialisation: stores `value` (stolen) if `*field` is still
// NULL.  Returns the field's value, borrowed as by qsbr_field_borrow: the
// new value, or the one another thread stored first (then `value` is
// released).
static inline obj_t *qsbr_field_init(obj_t *holder, obj_t **field, obj_t *value) {
    qsbr_before_lockfree_read(holder);
    obj_t *expected = NULL;
    if (atomic_compare_exchange_strong_explicit((_Atomic(obj_t *) *)field, &expected, value,
                                                memory_order_acq_rel, memory_order_acquire))
        return value;
    DECREF(value);
    return expected;
}

#endif // PVM_QSBR_H
