/*
 * gc/qsbr.c — deferred reclamation batches (gc/qsbr.h).
 *
 * Per thread: one open batch of retired items (tagged pointers: low bit 1
 * = memory to free, 0 = object to DECREF).  A batch is submitted when it
 * holds BATCH_ITEMS items or BATCH_BYTES retired bytes, when its first item
 * has waited QSBR_FLUSH_NS (checked at once if the thread submitted nothing
 * for that long, else by the eval breaker under EB_QSBR_FLUSH), or when the
 * thread blocks (qsbr_offline).  So a deferred release completes within
 * about a millisecond plus one grace period, never "when 1,024 more items
 * arrive".  Submission passes the batch to urcu_qsbr_call_rcu; after the
 * grace period liburcu's worker pushes it on the owner's ready stack and
 * raises the owner's EB_QSBR bit; the owner releases it in qsbr_process.
 *
 * Progress: a grace period needs every online thread to report a quiescent
 * state, which VM threads do in their eval breaker.  A submitter therefore
 * raises EB_QUIESCE on every attached thread, so a thread in a long loop
 * still reports promptly.  Offline (blocked) threads never hold one up.
 *
 * Invariants: the ready stack is pushed by liburcu's worker and popped only
 * by its owner; a thread waits for its in-flight batches (urcu barrier)
 * before its thread_t is freed, so the worker never touches a dead owner.
 */
#include <stdlib.h>
#include <time.h>
#include <urcu/urcu-qsbr.h>

#include "../core/config.h"
#if PVM_TSAN
#include <sanitizer/tsan_interface.h>
#endif

#include "../threads/registry.h"
#include "qsbr.h"

#define BATCH_ITEMS 1024
#define BATCH_BYTES (256 * 1024)

typedef struct batch {
    struct rcu_head head;
    struct batch *next; // ready stack link
    thread_t *owner;
    struct qsbr_state *st; // owner's state (set once per batch, read by the worker)
    size_t n;
    uintptr_t items[BATCH_ITEMS];
} batch_t;

typedef struct qsbr_state {
    batch_t *open;
    size_t open_bytes;
    _Atomic(batch_t *) ready; // pushed by liburcu's worker
    _Atomic long in_flight;   // submitted, not yet released
    long submitted;           // batches ever submitted (owner only)
    _Atomic long finished;    // callbacks that have returned (release)
    uint64_t open_since;      // when the open batch got its first item (ns)
    uint64_t last_submit;     // when a batch was last submitted (ns)
    uint64_t last_kick;       // when this thread last asked for quiescent states (ns)
} qsbr_state_t;

// thread_t has no qsbr field of its own: the state hangs off a small
// per-thread TLS pointer, plus a registry-indexed pointer for the worker.
static __thread qsbr_state_t *tls_state;
static __thread bool tls_fini_done; // qsbr_thread_fini ran: no more batches

#if PVM_TSAN
// TSan cannot see liburcu's grace-period barriers; this token carries the
// happens-before edge from every reader's quiescent state to the reclaimer
// (DESIGN.md section 9).
static char tsan_grace_token;
static void qsbr_tsan_release(void) {
    __tsan_release(&tsan_grace_token);
}
#else
static void qsbr_tsan_release(void) {}
#endif

static qsbr_state_t *state(void) {
    if (tls_state == NULL) {
        tls_state = calloc(1, sizeof(qsbr_state_t));
        if (tls_state == NULL) abort();
    }
    return tls_state;
}

static void release_batch(batch_t *b) {
#if PVM_TSAN
    __tsan_acquire(&tsan_grace_token);
#endif
    for (size_t i = 0; i < b->n; i++) {
        uintptr_t it = b->items[i];
        if (it & 1)
            free((void *)(it & ~(uintptr_t)1));
        else
            DECREF((obj_t *)it);
    }
    free(b);
}

// liburcu worker: the grace period has elapsed; give the batch back.
static void batch_ready(struct rcu_head *head) {
    batch_t *b = (batch_t *)head;
#if PVM_TSAN
    __tsan_acquire(b); // pairs with the release in submit(): liburcu's queue is not instrumented
#endif
    thread_t *owner = b->owner;
    qsbr_state_t *st = b->st;
    batch_t *top = atomic_load_explicit(&st->ready, memory_order_relaxed);
    do {
        b->next = top;
    } while (!atomic_compare_exchange_weak_explicit(&st->ready, &top, b, memory_order_release,
                                                    memory_order_relaxed));
    atomic_fetch_or_explicit(&owner->eval_breaker, EB_QSBR, memory_order_release);
    // Last touch of owner and st: the owner frees them only after seeing
    // this (qsbr_thread_fini), even if it already released the batch.
    atomic_fetch_add_explicit(&st->finished, 1, memory_order_release);
}

static void request_quiescence(void) {
    registry_lock();
    for (thread_t *t = registry_first(); t; t = t->next)
        atomic_fetch_or_explicit(&t->eval_breaker, EB_QUIESCE, memory_order_relaxed);
    registry_unlock();
}

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void submit(qsbr_state_t *st) {
    batch_t *b = st->open;
    if (b == NULL || b->n == 0) return;
    st->open = NULL;
    st->open_bytes = 0;
    st->last_submit = now_ns();
    b->owner = thread_current();
    b->st = st;
    atomic_fetch_add_explicit(&st->in_flight, 1, memory_order_relaxed);
    st->submitted++;
#if PVM_TSAN
    __tsan_release(b);
#endif
    urcu_qsbr_call_rcu(&b->head, batch_ready);
    request_quiescence();
    st->last_kick = st->last_submit;
    // Keep polling until the batch is back (qsbr_poll re-asks for
    // quiescent states: see there).
    thread_t *ts = thread_current();
    if (ts != NULL) atomic_fetch_or_explicit(&ts->eval_breaker, EB_QSBR_POLL, memory_order_relaxed);
}

static void retire(uintptr_t item, size_t bytes) {
    qsbr_state_t *st = tls_fini_done ? NULL : state();
    if (st == NULL || st->open == NULL) {
        if (st) st->open = malloc(sizeof(batch_t));
        if (st == NULL || st->open == NULL) {
            // Out of memory for a batch, or this thread's batches are
            // finished (it is detaching: a batch submitted now would call
            // back into a freed thread_t): wait for a grace period here.
            qsbr_tsan_release();
            thread_block_begin();
            urcu_qsbr_synchronize_rcu();
            thread_block_end();
#if PVM_TSAN
            __tsan_acquire(&tsan_grace_token);
#endif
            if (item & 1)
                free((void *)(item & ~(uintptr_t)1));
            else
                DECREF((obj_t *)item);
            return;
        }
        st->open->n = 0;
    }
    st->open->items[st->open->n++] = item;
    st->open_bytes += bytes;
    if (st->open->n == BATCH_ITEMS || st->open_bytes >= BATCH_BYTES) {
        submit(st);
    } else if (st->open->n == 1) {
        // First item: submit at once unless this thread submitted within
        // the last QSBR_FLUSH_NS (then the eval breaker does it when due,
        // so a burst of retirements still shares one batch).
        uint64_t now = now_ns();
        st->open_since = now;
        thread_t *ts = thread_current();
        if (now - st->last_submit >= QSBR_FLUSH_NS || ts == NULL)
            submit(st);
        else
            atomic_fetch_or_explicit(&ts->eval_breaker, EB_QSBR_POLL, memory_order_relaxed);
    }
}

void qsbr_retire_mem(void *p, size_t bytes) {
    if (p) retire((uintptr_t)p | 1, bytes);
}

void qsbr_defer_decref(obj_t *o) {
    if (o && !IS_SMALLINT(o)) retire((uintptr_t)o, 0);
}

void qsbr_process(thread_t *ts) {
    qsbr_state_t *st = tls_state;
    atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_QSBR, memory_order_relaxed);
    if (st == NULL) return;
    batch_t *b = atomic_exchange_explicit(&st->ready, NULL, memory_order_acquire);
    while (b) {
        batch_t *next = b->next;
        release_batch(b);
        atomic_fetch_sub_explicit(&st->in_flight, 1, memory_order_relaxed);
        b = next;
    }
}

void qsbr_flush(thread_t *ts) {
    if (tls_state) submit(tls_state);
}

// A grace period ends only when every online thread reports a quiescent
// state *after* it began, and VM threads report from their eval breaker,
// which runs only when a bit is set.  liburcu's worker starts the grace
// period some time after submit() raised EB_QUIESCE everywhere, so threads
// spinning in loops may have reported before it started and never again.
// The owner therefore re-raises EB_QUIESCE on every thread each
// QSBR_KICK_NS while it has batches in flight.
#define QSBR_KICK_NS 200000 // 0.2 ms

bool qsbr_poll(thread_t *ts) {
    qsbr_state_t *st = tls_state;
    if (st == NULL) return true;
    bool open = st->open != NULL && st->open->n > 0;
    bool in_flight = atomic_load_explicit(&st->in_flight, memory_order_relaxed) > 0;
    if (!open && !in_flight) return true;
    uint64_t now = now_ns();
    if (open && now - st->open_since >= QSBR_FLUSH_NS) {
        submit(st); // kicks too
        return false;
    }
    if (in_flight && now - st->last_kick >= QSBR_KICK_NS) {
        st->last_kick = now;
        request_quiescence();
    }
    return false;
}

// ---- quiescent states ---------------------------------------------------------------------

void qsbr_register(void) {
    urcu_qsbr_register_thread();
}

void qsbr_unregister(void) {
    urcu_qsbr_unregister_thread();
}

void qsbr_quiescent(thread_t *ts) {
    credit_pay_all(ts);
    qsbr_tsan_release();
    urcu_qsbr_quiescent_state();
}

void qsbr_offline(thread_t *ts) {
    credit_pay_all(ts);
    // An idle thread holds nothing back: what it retired starts its grace
    // period now (its release runs when the thread is back).
    if (tls_state != NULL && !tls_fini_done) submit(tls_state);
    qsbr_tsan_release();
    urcu_qsbr_thread_offline();
}

void qsbr_online(void) {
    urcu_qsbr_thread_online();
}

void qsbr_thread_init(void) {
    tls_fini_done = false;
}

void qsbr_thread_fini(thread_t *ts) {
    qsbr_state_t *st = tls_state;
    if (st == NULL) {
        tls_fini_done = true;
        return;
    }
    // Releasing a batch may retire more (a freed container drops its
    // items), so repeat until nothing is open or in flight.
    while (st->open != NULL || atomic_load(&st->in_flight) > 0) {
        batch_t *open = st->open;
        st->open = NULL;
        st->open_bytes = 0;
        // Wait offline: one grace period covers the open batch; the barrier
        // waits for the callbacks of batches in flight (they point at ts).
        qsbr_tsan_release();
        urcu_qsbr_thread_offline();
        if (open) urcu_qsbr_synchronize_rcu();
        if (atomic_load(&st->in_flight) > 0) urcu_qsbr_barrier();
        urcu_qsbr_thread_online();
        if (open) release_batch(open);
        qsbr_process(ts);
    }
    // A callback may still be finishing after its batch was released here.
    while (atomic_load_explicit(&st->finished, memory_order_acquire) < st->submitted) {
        urcu_qsbr_thread_offline();
        urcu_qsbr_barrier();
        urcu_qsbr_thread_online();
    }
    free(st);
    tls_state = NULL;
    tls_fini_done = true;
}
