/*
 * gc/refcount.c — the slow paths of biased reference counting.
 *
 * State machine of ob_ref_shared's low bits (gc/refcount.h):
 *
 *   NONE --(non-owner decref would go below zero)--> QUEUED
 *        the non-owner does not subtract: the merge queue of the owner now
 *        holds that reference; the owner is told through its eval breaker.
 *   NONE/QUEUED --(owner's local count reaches zero, shared != 0)--> MERGED
 *        the owner gives up: ob_tid = 0, and the object is counted in
 *        ob_ref_shared only from then on.
 *   QUEUED --(owner drains its queue: brc_merge_queue)--> MERGED
 *        local + shared are folded into shared, minus the queue's reference.
 *   MERGED with count 0 --> freed by the thread that brought it there.
 *
 * Queues belong to threads (thread_t.brc) and are guarded by the registry
 * lock, which also orders a thread's exit before anyone merges its objects.
 * A non-owner whose owner has exited merges the object itself.
 *
 * Every path on which a count reaches zero ends in trashcan_dealloc
 * (gc/trashcan.h), never in obj_dealloc directly: that bounds how deeply
 * deallocs nest on the C stack, for every type at once.
 */
#include <stdlib.h>

#include "../objects/object.h"
#include "../threads/thread.h"
#include "../threads/registry.h"
#include "brc.h"
#include "credit.h"
#include "refstats.h"
#include "spare.h"
#include "trashcan.h"

static inline int32_t shared_load(obj_t *o) {
    return atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
}

void brc_incref_shared(obj_t *o) {
    // A reference this thread dropped earlier and kept (gc/spare.h).
    if (spare_take(pvm_tls_thread, o)) return;
    REFSTATS_COUNT(REFSTATS_INC, o);
    atomic_fetch_add_explicit(&o->ob_ref_shared, 1 << REF_SHARED_SHIFT, memory_order_relaxed);
}

// Folds the owner's local count into the shared field and gives up
// ownership; `extra` is added to the total.  Returns the resulting count.
// Called by the owner, or by anyone once the owner has exited (ordered by
// the registry lock): the caller is the only writer of ob_ref_local and
// ob_tid.  Both are cleared *before* the CAS that publishes the merged
// count (its release orders them), because from that moment another thread
// may drop the count to zero and free the object: a store after it could
// land in freed memory (TSan: brc_explicit_merge against obj_free).
int64_t brc_explicit_merge(obj_t *o, int64_t extra) {
    int64_t local = atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed);
    atomic_store_explicit(&o->ob_ref_local, 0, memory_order_relaxed);
    atomic_store_explicit(&o->ob_tid, 0, memory_order_relaxed);
    int32_t shared = atomic_load_explicit(&o->ob_ref_shared, memory_order_acquire);
    int64_t refcnt;
    int32_t new_shared;
    do {
        refcnt = (int64_t)(shared >> REF_SHARED_SHIFT) + local + extra;
        new_shared = (int32_t)((refcnt << REF_SHARED_SHIFT) | REF_MERGED);
    } while (!atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &shared, new_shared,
                                                    memory_order_acq_rel, memory_order_acquire));
    return refcnt;
}

void brc_decref_shared(obj_t *o) {
    // A reference this thread's registers hold as a credit (gc/credit.h):
    // dropping it writes nothing to the object.
    thread_t *ts = pvm_tls_thread;
    if (credit_take(ts, o)) return;
    // A counted reference while credits are held: o must outlive the
    // credits that may have been read from it, so the decrement waits
    // (a debt, settled after the credits are paid).
    if (ts != NULL && ts->ncredits > 0 && credit_may_hold_pointers(o) &&
        atomic_load_explicit(&pvm_attached_threads, memory_order_relaxed) > 1) {
        credit_add_debt(ts, o);
        return;
    }
    // A small immutable object: keep the count for this thread's next
    // reference to it instead of writing it back (gc/spare.h).
    if (spare_put(ts, o)) return;
    brc_decref_apply(o);
}

void brc_decref_apply(obj_t *o) {
    REFSTATS_COUNT(REFSTATS_DEC, o);
    int32_t shared = shared_load(o);
    int32_t new_shared;
    bool should_queue;
    do {
        // Count zero and neither queued nor merged: the owner still holds
        // the reference we are dropping in its local count.  Hand it to the
        // owner's queue instead of going negative.
        should_queue = (shared == REF_SHARED_NONE || shared == REF_MAYBE_WEAKREF);
        if (should_queue)
            new_shared = REF_QUEUED;
        else
            new_shared = shared - (1 << REF_SHARED_SHIFT);
    } while (!atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &shared, new_shared,
                                                    memory_order_acq_rel, memory_order_relaxed));
    if (should_queue) {
        brc_queue_object(o);
    } else if (new_shared == REF_MERGED) {
        // Merged and the count reached zero: nobody else can see it.
        trashcan_dealloc(o);
    }
}

void brc_local_zero(obj_t *o) {
    int32_t shared = atomic_load_explicit(&o->ob_ref_shared, memory_order_acquire);
    if (shared == 0) {
        trashcan_dealloc(o);
        return;
    }
    // Other threads hold references: give up ownership.  o may then die on
    // another thread: credits for pointers read from it become counted.
    credit_pay_before_release(pvm_tls_thread);
    atomic_store_explicit(&o->ob_tid, 0, memory_order_relaxed);
    int32_t new_shared;
    do {
        new_shared = (shared & ~REF_SHARED_FLAG_MASK) | REF_MERGED;
    } while (!atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &shared, new_shared,
                                                    memory_order_acq_rel, memory_order_relaxed));
    if (new_shared == REF_MERGED) trashcan_dealloc(o);
}

int64_t obj_refcount(obj_t *o) {
    if (IS_SMALLINT(o) || obj_is_immortal(o)) return INT64_MAX;
    int64_t local = atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed);
    int32_t shared = shared_load(o);
    return local + (shared >> REF_SHARED_SHIFT);
}

// ---- merge queues ------------------------------------------------------------

struct brc_queue {
    obj_t **items;
    size_t len, cap;
};

static bool queue_push(brc_queue_t *q, obj_t *o) {
    if (q->len == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        obj_t **items = realloc(q->items, cap * sizeof(obj_t *));
        if (!items) return false;
        q->items = items;
        q->cap = cap;
    }
    q->items[q->len++] = o;
    return true;
}

void brc_queue_object(obj_t *o) {
    uint32_t owner_tid = atomic_load_explicit(&o->ob_tid, memory_order_relaxed);
    registry_lock();
    thread_t *owner = owner_tid ? registry_find(owner_tid) : NULL;
    if (owner != NULL && owner->brc_closed) owner = NULL; // past its last drain
    if (owner != NULL && owner->brc == NULL) owner->brc = calloc(1, sizeof(brc_queue_t));
    if (owner != NULL && owner->brc != NULL && queue_push(owner->brc, o)) {
        atomic_fetch_or_explicit(&owner->eval_breaker, EB_MERGE_QUEUE, memory_order_release);
        registry_unlock();
        return;
    }
    // The owner has exited or is exiting (or memory is short): do its work here, under the
    // lock so a thread reusing the id cannot start owning the object
    // meanwhile.  The queue's reference is dropped by the merge (-1); the
    // dealloc runs after unlocking since it may release more references.
    int64_t refcnt = brc_explicit_merge(o, -1);
    registry_unlock();
    if (refcnt == 0) trashcan_dealloc(o);
}

void brc_merge_queue(thread_t *ts) {
    atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_MERGE_QUEUE, memory_order_acq_rel);
    // Merged objects lose their owner and may die on another thread.
    credit_pay_before_release(ts);
    for (;;) {
        registry_lock();
        brc_queue_t *q = ts->brc;
        if (q == NULL || q->len == 0) {
            registry_unlock();
            return;
        }
        // Take the whole batch, then merge without the lock: deallocs may
        // run arbitrary code.
        obj_t **items = q->items;
        size_t n = q->len;
        q->items = NULL;
        q->len = q->cap = 0;
        registry_unlock();
        for (size_t i = 0; i < n; i++) {
            obj_t *o = items[i];
            int64_t refcnt = brc_explicit_merge(o, -1);
            if (refcnt == 0) trashcan_dealloc(o);
        }
        free(items);
    }
}

void brc_thread_fini(thread_t *ts) {
    trashcan_thread_fini(ts);
    brc_merge_queue(ts);
    // Close the queue: from now on other threads merge this thread's objects
    // themselves (brc_queue_object), so nothing can be pushed after the last
    // drain below.  The id stays registered until thread_detach removes it,
    // so no new thread can own these objects while they are merged.
    registry_lock();
    ts->brc_closed = true;
    brc_queue_t *q = ts->brc;
    ts->brc = NULL;
    // From here on this thread owns nothing: its own INCREF/DECREF of the
    // objects it owned take the shared path like any other thread's.
    // Otherwise the rest of its exit (the merges below, QSBR's last batches)
    // would write the local counts of its objects while other threads merge
    // those very objects (brc_explicit_merge reads the local count: a lost
    // update).  The id matches no registered thread (registry_find: NULL);
    // not 0, which is the id of merged objects.  What it allocates or
    // resurrects from now on starts merged (brc_init_ref).
    pvm_tls_tid = BRC_TID_CLOSED;
    registry_unlock();
    if (q) {
        for (size_t i = 0; i < q->len; i++) {
            obj_t *o = q->items[i];
            if (brc_explicit_merge(o, -1) == 0) trashcan_dealloc(o);
        }
        free(q->items);
        free(q);
    }
}
