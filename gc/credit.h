/*
 * gc/credit.h — register credits: reading a shared container without
 * writing to the objects read.
 *
 * When the interpreter loads an item of a list or dict into a register
 * without a lock, the item is protected by QSBR until this thread's next
 * quiescent state: the container drops its reference only after a grace
 * period (gc/qsbr.h).  So the register does not need its own count until
 * then.  Instead of incrementing the shared count of an object owned by
 * another thread (an atomic add on a cache line every reader shares), the
 * thread records a *credit*: "this thread holds one uncounted reference to
 * o".  A later DECREF of o by the same thread consumes the credit instead
 * of touching the object, so `x = shared[i]; use(x)` writes nothing shared.
 * Attribute loads from instance dicts do the same, and so does binding an
 * argument into a frame that ends with the call (the caller keeps the
 * argument alive until then; generator frames are counted as usual).
 *
 * Invariant, per object: true count = counted (local + shared fields) +
 * the sum of all threads' credits for it.  A credit is only ever created
 * for a reference that lives in a register of a frame running on this
 * thread.  It is paid (turned into a real shared increment) before
 *   - the thread reports a quiescent state or goes offline (the grace
 *     period that protects the object may end after that),
 *   - a register's reference leaves the thread's frames (credit_claim:
 *     BUILD_TUPLE and the other instructions that move a register into an
 *     object), and before a generator frame is suspended (its registers may
 *     then be resumed, and cleared, by another thread).
 * So no other thread can ever drop a reference that is only credited, and
 * the counted part can reach zero only after every credit was paid.
 *
 * The table is direct-mapped and per thread; a collision pays the evicted
 * entry, which is always allowed (paying early only adds a real count for
 * a reference the thread really holds).
 */
#ifndef PVM_CREDIT_H
#define PVM_CREDIT_H

#include "../objects/object.h"
#include "../threads/thread.h"

void credit_add_slow(thread_t *ts, obj_t *o);
void credit_pay_all(thread_t *ts);

// The table is two-way set-associative: o may sit in either slot of its
// pair (credit_slot and its neighbour, one cache line), so two objects a
// loop keeps using do not evict each other forever as they did when the
// table was direct-mapped.
static inline credit_t *credit_slot(thread_t *ts, obj_t *o) {
    uint64_t h = ((uint64_t)(uintptr_t)o >> 4) * 0x9E3779B97F4A7C15ull;
    return &ts->credits[(h >> (64 - CREDIT_BITS)) & ~(uint64_t)1];
}

// The slot holding this thread's credits for o, or NULL.
static inline credit_t *credit_find(thread_t *ts, obj_t *o) {
    credit_t *c = credit_slot(ts, o);
    if (c[0].obj == o) return &c[0];
    if (c[1].obj == o) return &c[1];
    return NULL;
}

// The cases that never touch a shared line: a tagged int or an immortal
// (nothing to count), or an object this thread owns (plain local
// increment).  False: the caller must count o some other way.
static inline bool incref_if_private(obj_t *o) {
    if (IS_SMALLINT(o)) return true;
    uint32_t local = atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed);
    if (PVM_UNLIKELY(local == REF_IMMORTAL)) return true;
    if (PVM_LIKELY(atomic_load_explicit(&o->ob_tid, memory_order_relaxed) == pvm_tls_tid)) {
        atomic_store_explicit(&o->ob_ref_local, local + 1, memory_order_relaxed);
        return true;
    }
    return false;
}

// A new reference for a VM register to `o`, which the caller read from a
// container under QSBR protection (lock-free list/dict reads), or which is
// an argument bound into a frame that ends before the call returns (the
// caller keeps it alive meanwhile).  Counted as usual when this thread owns
// o (no shared write); otherwise a credit.
static inline void INCREF_REG(obj_t *o) {
    if (incref_if_private(o)) return;
    thread_t *ts = pvm_tls_thread;
    credit_t *c = credit_find(ts, o);
    if (c != NULL) {
        c->n++;
        return;
    }
    credit_add_slow(ts, o);
}

// A copy of a reference that a register of this thread holds (MOVE, the
// `self` of LOAD_METHOD): always a credit when another thread owns o.  The
// source reference keeps o alive, and references are fungible within a
// thread: whichever of this thread's references to o is dropped first,
// brc_decref_shared consumes a credit before it touches the count, so the
// counted part never falls below what the thread still holds.  (Registers
// of running frames are dropped only by their own thread; a suspended
// generator frame claims its credits first, see frame_suspend.)
static inline void INCREF_MOVE(obj_t *o) {
    INCREF_REG(o);
}

// Paying when this thread gives up ownership of an object (gc/refcount.c):
// the object may then die on another thread, and a credit may stand for a
// pointer this thread read from it.
static inline void credit_pay_before_release(thread_t *ts) {
    if (ts != NULL && PVM_UNLIKELY(ts->ncredits > 0)) credit_pay_all(ts);
}

// True when credits may have been read from o: it can hold pointers to other
// objects (TPFLAG_LEAF types' instances cannot).
static inline bool credit_may_hold_pointers(obj_t *o) {
    return !type_has_flag(o->ob_type, TPFLAG_LEAF);
}

// Debts.  While this thread holds credits, one of them may stand for a
// pointer read from an object o that another thread owns; the credit is
// valid as long as o lives.  So when the thread drops a counted reference
// to such an o, the decrement (which could let o die on any thread) is put
// off: o goes on the thread's debt list, and credit_settle applies the
// decrements after paying every credit.  Settling happens after each
// quiescent state (the eval breaker), at thread exit, and when the list
// reaches CREDIT_MAX_DEBTS.  A drop with no credits held, or of an object
// without pointers, is applied at once.
#define CREDIT_MAX_DEBTS 4096
void credit_add_debt(thread_t *ts, obj_t *o);
void credit_settle(thread_t *ts);
// Thread exit: settles and frees the debt list.
void credit_thread_fini(thread_t *ts);

// Consumes one of this thread's credits for o: true when there was one (the
// caller's DECREF is then complete).  Called from brc_decref_shared.
static inline bool credit_take(thread_t *ts, obj_t *o) {
    if (ts == NULL || ts->ncredits == 0) return false;
    credit_t *c = credit_find(ts, o);
    if (c == NULL) return false;
    if (--c->n == 0) {
        c->obj = NULL;
        ts->ncredits--;
    }
    return true;
}

// A register's reference to o is about to be stored in an object (moved
// out of the frame): if it may be a credit, make it a counted reference.
// A counted one moves as it is, except that, as for a counted drop, o must
// outlive the credits that may have been read from it: the thread keeps an
// extra count on o, as a debt, until it settles.
static inline void credit_claim(obj_t *o) {
    thread_t *ts = pvm_tls_thread;
    if (PVM_LIKELY(ts->ncredits == 0) || o == NULL || IS_SMALLINT(o)) return;
    if (credit_take(ts, o)) {
        brc_incref_shared(o);
        return;
    }
    if (obj_is_immortal(o) || !credit_may_hold_pointers(o) ||
        atomic_load_explicit(&o->ob_tid, memory_order_relaxed) == pvm_tls_tid)
        return;
    brc_incref_shared(o);
    credit_add_debt(ts, o);
}

#endif // PVM_CREDIT_H
