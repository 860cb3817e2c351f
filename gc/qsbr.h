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

// What QSBR holds back is bounded by bytes as well as by items.  A thread
// counts what it retired and has not released yet: memory by its size, a
// deferred decrement as QSBR_DECREF_BYTES (the object it may free is at
// least a header, a gc head and a little).  Past QSBR_THREAD_HOLD_MAX (that
// thread) or QSBR_GLOBAL_HOLD_MAX (all submitted batches of every thread),
// the thread submits its batch and, at its next eval-breaker check, waits
// in a blocking region for the grace period and releases its batches:
// retirement outrunning grace periods (a reader descheduled on a loaded
// machine) slows the retiring thread down instead of growing memory.
// Memory items are freed by liburcu's worker as soon as their grace period
// ends, so a thread that blocks or sleeps holds no retired memory back.
#define QSBR_BATCH_ITEMS     1024         // a batch is submitted when it holds this many items
#define QSBR_BATCH_BYTES     (256u << 10) // or this many bytes
#define QSBR_DECREF_BYTES    64
#define QSBR_THREAD_HOLD_MAX (4u << 20)  // 4 MiB
#define QSBR_GLOBAL_HOLD_MAX (16u << 20) // 16 MiB

typedef enum {
    QSBR_HOLD_OK,     // keep filling the open batch
    QSBR_HOLD_SUBMIT, // the open batch is full: submit it
    QSBR_HOLD_WAIT,   // over a bound: submit, then wait for grace periods at the eval breaker
} qsbr_hold_action_t;

// The rule, as a pure function: the open batch's items and bytes, the
// thread's bytes held back (open + in flight), all threads' submitted
// bytes.  (Tests call it; pass 0 for what does not apply.)
qsbr_hold_action_t qsbr_hold_action(size_t open_items, size_t open_bytes, size_t held,
                                    size_t held_all_bytes);
// Bytes the calling thread holds back / all threads' submitted batches hold.
size_t qsbr_held_self(void);
size_t qsbr_held_all(void);

// free(p) after a grace period.  `bytes` counts toward the bounds above.
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
// Waits (blocked) for the grace periods of what this thread retired so far
// and releases it, a few rounds deep (releases may retire more): for
// gc.collect(), so that objects the caller dropped from shared containers
// are really gone before the collection looks.
void qsbr_drain_self(thread_t *ts);
// Eval breaker, at a quiescent-state request: submits the open batch once
// its oldest item has waited QSBR_FLUSH_NS.  Returns true when nothing is
// open or in flight.
bool qsbr_poll(thread_t *ts);
// Whether the calling thread has a batch open or in flight, and so counts
// among the threads the pacer ticks for (tests).
bool qsbr_pending_self(void);

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

// Set on the collector's thread while it clears and releases the garbage
// of its collection (gc/collect.c).  Garbage was found unreachable in a
// pause where every thread was quiescent, so no thread holds a lock-free
// pointer into it and none can load a new one (its weak references were
// cleared, gc.get_objects/get_referrers skip it meanwhile): what a garbage
// container drops is released at once, not after a grace period.  A grace
// period there would keep the whole cycle alive, counted as survivors by
// the next collection (which raises its threshold), while the program
// allocates more: with 2 threads the cycle program grew to 400 MB.
extern __thread bool qsbr_tls_clearing_garbage __attribute__((tls_model("initial-exec")));
static inline void qsbr_clearing_garbage_begin(void) {
    qsbr_tls_clearing_garbage = true;
}
static inline void qsbr_clearing_garbage_end(void) {
    qsbr_tls_clearing_garbage = false;
}

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
    uint8_t bits = atomic_load_explicit(&container->ob_gc_bits, memory_order_relaxed);
    // Garbage the collector is breaking up has no reader left (see
    // qsbr_clearing_garbage_begin): its drops need no grace period.
    if (PVM_UNLIKELY(bits & GC_GARBAGE) && qsbr_tls_clearing_garbage) return false;
    return (bits & GC_SHARED) != 0 ||
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

// fork(): pause liburcu's call_rcu worker before, resume it in the parent,
// recreate it in the child (threads/thread.c calls these, offline).
void qsbr_fork_prepare(void);
void qsbr_fork_parent(void);
void qsbr_fork_child(void);
// The calling thread's liburcu registration (for qsbr_fork_forget), and
// forgetting a thread that vanished in a fork (child, single-threaded).
void *qsbr_reader_self(void);
void qsbr_fork_forget(void *reader);

#endif // PVM_QSBR_H
