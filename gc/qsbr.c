/*
 * gc/qsbr.c — deferred reclamation batches (gc/qsbr.h).
 *
 * Per thread: one open batch of retired items (tagged pointers: low bit 1
 * = memory to free, 0 = object to DECREF).  A batch is submitted when it
 * holds BATCH_ITEMS items or BATCH_BYTES retired bytes, when its first item
 * has waited QSBR_FLUSH_NS (checked at once if the thread submitted nothing
 * for that long, else at the eval breaker after a pacer tick), or when the
 * thread blocks (qsbr_offline).  So a deferred release completes within
 * about a millisecond plus one grace period, never "when 1,024 more items
 * arrive".  Submission passes the batch to urcu_qsbr_call_rcu; after the
 * grace period liburcu's worker pushes it on the owner's ready stack and
 * raises the owner's EB_QSBR bit; the owner releases it in qsbr_process.
 *
 * Progress: a grace period needs every online thread to report a quiescent
 * state, which VM threads do in their eval breaker.  A submitter therefore
 * raises EB_QUIESCE on every attached thread, so a thread in a long loop
 * still reports promptly; and while any thread has batches open or in
 * flight, the pacer (a plain thread, neither a VM thread nor a liburcu
 * reader) raises it again every QSBR_KICK_NS, because liburcu's worker may
 * start the grace period after everyone has answered the first ask.  VM
 * threads never read the clock in their eval breaker for this.  Offline
 * (blocked) threads never hold a grace period up.
 *
 * Bounds (gc/qsbr.h, qsbr_hold_action): the owner counts the bytes it
 * retired and has not released (added - released; the worker adds to
 * `released` when it frees a batch's memory items right after the grace
 * period, the owner when it releases the rest).  Past the thread's or the
 * global bound, retire() raises EB_QSBR with wait_due set and qsbr_process
 * waits for the batches in a blocking region (drain_batches).
 *
 * Invariants: the ready stack is pushed by liburcu's worker and popped only
 * by its owner; a thread waits for its in-flight batches (urcu barrier)
 * before its thread_t is freed, so the worker never touches a dead owner.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <urcu/urcu-qsbr.h>
#include <urcu/static/urcu-qsbr.h> // struct urcu_qsbr_reader (qsbr_fork_forget)

#include "../core/config.h"
#if PVM_TSAN
#include <sanitizer/tsan_interface.h>
#endif

#include "../threads/registry.h"
#include "qsbr.h"

#define BATCH_ITEMS QSBR_BATCH_ITEMS
#define BATCH_BYTES QSBR_BATCH_BYTES

typedef struct batch {
    struct rcu_head head;
    struct batch *next; // ready stack link
    thread_t *owner;
    struct qsbr_state *st; // owner's state (set once per batch, read by the worker)
    size_t n;
    size_t mem_bytes;    // retired memory in items (freed by liburcu's worker)
    size_t decref_bytes; // QSBR_DECREF_BYTES per deferred decrement (owner releases)
    uintptr_t items[BATCH_ITEMS];
} batch_t;

typedef struct qsbr_state {
    batch_t *open;
    size_t open_bytes; // mem_bytes + decref_bytes of the open batch
    // Bytes retired and not yet released (open + in flight) = added - released.
    _Atomic size_t added;     // written by the owner only
    _Atomic size_t released;  // the owner and liburcu's worker add to it
    bool wait_due;            // held back past a bound: wait at the eval breaker (owner only)
    _Atomic(batch_t *) ready; // pushed by liburcu's worker
    _Atomic long in_flight;   // submitted, not yet released
    long submitted;           // batches ever submitted (owner only)
    _Atomic long finished;    // callbacks that have returned (release)
    uint64_t open_since;      // when the open batch got its first item (ns)
    uint64_t last_submit;     // when a batch was last submitted (ns)
    bool pending;             // counted in pacer_pending (owner only)
} qsbr_state_t;

__thread bool qsbr_tls_clearing_garbage __attribute__((tls_model("initial-exec")));

// thread_t has no qsbr field of its own: the state hangs off a small
// per-thread TLS pointer, plus a registry-indexed pointer for the worker.
static __thread qsbr_state_t *tls_state;
static __thread bool tls_fini_done; // qsbr_thread_fini ran: no more batches

// Bytes of every thread's submitted batches not yet released.
static _Atomic size_t held_all;

#if PVM_TSAN
// TSan cannot see liburcu's grace-period barriers; this token carries the
// happens-before edge from every reader's quiescent state to the reclaimer
// (DESIGN.md section 9).
static char tsan_grace_token;
static void qsbr_tsan_release(void) {
    __tsan_release(&tsan_grace_token);
}
static void qsbr_tsan_acquire(void) {
    __tsan_acquire(&tsan_grace_token);
}
#else
static void qsbr_tsan_release(void) {}
static void qsbr_tsan_acquire(void) {}
#endif

static qsbr_state_t *state(void) {
    if (tls_state == NULL) {
        tls_state = calloc(1, sizeof(qsbr_state_t));
        if (tls_state == NULL) abort();
    }
    return tls_state;
}

// Frees the memory items of a batch whose grace period has elapsed (any
// thread: liburcu's worker, or the owner) and zeroes them.
static void free_mem_items(batch_t *b) {
    for (size_t i = 0; i < b->n; i++) {
        uintptr_t it = b->items[i];
        if (it & 1) {
            free((void *)(it & ~(uintptr_t)1));
            b->items[i] = 0;
        }
    }
}

// Owner: releases what is left of a batch (its deferred decrements; memory
// items too when the worker did not free them) and frees it.  `counted`:
// the batch was submitted, so its bytes are in held_all.
static void release_batch(qsbr_state_t *st, batch_t *b, bool counted) {
#if PVM_TSAN
    __tsan_acquire(&tsan_grace_token);
#endif
    size_t bytes = b->mem_bytes + b->decref_bytes;
    for (size_t i = 0; i < b->n; i++) {
        uintptr_t it = b->items[i];
        if (it == 0) continue;
        if (it & 1)
            free((void *)(it & ~(uintptr_t)1));
        else
            DECREF((obj_t *)it);
    }
    atomic_fetch_add_explicit(&st->released, bytes, memory_order_relaxed);
    if (counted) atomic_fetch_sub_explicit(&held_all, bytes, memory_order_relaxed);
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
    // Memory goes back now, whether or not the owner is running: a thread
    // that blocks or sleeps holds no retired memory back (only its deferred
    // decrements, which must run on a VM thread, wait for it).
    if (b->mem_bytes > 0) {
        qsbr_tsan_acquire();
        free_mem_items(b);
        atomic_fetch_add_explicit(&st->released, b->mem_bytes, memory_order_relaxed);
        atomic_fetch_sub_explicit(&held_all, b->mem_bytes, memory_order_relaxed);
        b->mem_bytes = 0;
    }
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

// Owner: bytes it retired and has not released yet.
static size_t held_of(qsbr_state_t *st) {
    return atomic_load_explicit(&st->added, memory_order_relaxed) -
           atomic_load_explicit(&st->released, memory_order_relaxed);
}

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

// ---- the pacer ---------------------------------------------------------------------------

// A grace period ends only when every online thread reports a quiescent
// state *after* it began, and VM threads report from their eval breaker,
// which runs only when a bit is set.  liburcu's worker starts a grace
// period some time after submit() raised EB_QUIESCE everywhere, so threads
// spinning in loops may have reported before it started and never again.
// While any thread has a batch open or in flight, the pacer therefore
// re-raises EB_QUIESCE on every attached thread each QSBR_KICK_NS; at that
// check an owner also submits its open batch once it is due (qsbr_poll).
// With nothing pending the pacer sleeps on its condition variable.
#define QSBR_KICK_NS 200000 // 0.2 ms

static pthread_mutex_t pacer_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pacer_cv = PTHREAD_COND_INITIALIZER;
static _Atomic long pacer_pending; // threads whose state has pending == true
static bool pacer_started;         // pacer_mu: the thread exists
static bool pacer_quit;            // pacer_mu: asked to end (fork)
static pthread_t pacer_thread;

static void request_quiescence(void);

static void *pacer_main(void *arg) {
    (void)arg;
    pthread_mutex_lock(&pacer_mu);
    for (;;) {
        while (!pacer_quit && atomic_load_explicit(&pacer_pending, memory_order_acquire) == 0)
            pthread_cond_wait(&pacer_cv, &pacer_mu);
        if (pacer_quit) break;
        pthread_mutex_unlock(&pacer_mu);
        struct timespec d = {0, QSBR_KICK_NS};
        nanosleep(&d, NULL);
        pthread_mutex_lock(&pacer_mu);
        if (!pacer_quit && atomic_load_explicit(&pacer_pending, memory_order_acquire) > 0)
            request_quiescence();
    }
    pthread_mutex_unlock(&pacer_mu);
    return NULL;
}

// Starts the pacer if it is not running; pacer_mu held.
static void pacer_start_locked(void) {
    if (pacer_started) return;
    // Signals go to VM threads, never to the pacer.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pacer_quit = false;
    if (pthread_create(&pacer_thread, NULL, pacer_main, NULL) == 0) pacer_started = true;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

// A thread with work for the pacer (a batch open or in flight, or a wait for
// a grace period outside any batch: retire() without one) counts among the
// pacer's pending threads meanwhile, so running threads keep being asked
// for quiescent states; the first one wakes (or starts) the pacer.
static void pacer_hold(bool on) {
    if (!on) {
        atomic_fetch_sub_explicit(&pacer_pending, 1, memory_order_release);
        return;
    }
    if (atomic_fetch_add_explicit(&pacer_pending, 1, memory_order_acq_rel) != 0) return;
    pthread_mutex_lock(&pacer_mu);
    pacer_start_locked();
    pthread_cond_signal(&pacer_cv);
    pthread_mutex_unlock(&pacer_mu);
}

// Owner: records whether its state has a batch open or in flight.  Never
// called with the registry lock held (the pacer takes it under pacer_mu).
static void pending_update(qsbr_state_t *st) {
    bool now = (st->open != NULL && st->open->n > 0) ||
               atomic_load_explicit(&st->in_flight, memory_order_relaxed) > 0;
    if (now == st->pending) return;
    st->pending = now;
    pacer_hold(now);
}

// liburcu starts its call_rcu worker at the first call_rcu, as a thread of
// the caller's signal mask.  Signals are for VM threads: a process-directed
// signal that the main thread blocks (pthread_sigmask) would otherwise be
// taken by the worker at once instead of staying pending, and its handler
// would run too early.  So the worker is made here, with every signal
// blocked, before the first batch goes to it (qsbr_fork_child does the same
// for the worker liburcu makes in a fork's child).
static _Atomic bool worker_ready;

static void worker_ensure(void) {
    if (atomic_load_explicit(&worker_ready, memory_order_acquire)) return;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    (void)urcu_qsbr_get_default_call_rcu_data();
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    atomic_store_explicit(&worker_ready, true, memory_order_release);
}

static void drain_batches(qsbr_state_t *st, thread_t *ts, int rounds);
static void want_wait(qsbr_state_t *st);

static void submit(qsbr_state_t *st) {
    batch_t *b = st->open;
    if (b == NULL || b->n == 0) return;
    st->open = NULL;
    st->open_bytes = 0;
    st->last_submit = now_ns();
    b->owner = thread_current();
    b->st = st;
    size_t all =
        atomic_fetch_add_explicit(&held_all, b->mem_bytes + b->decref_bytes, memory_order_relaxed) +
        b->mem_bytes + b->decref_bytes;
    if (qsbr_hold_action(0, 0, held_of(st), all) == QSBR_HOLD_WAIT) want_wait(st);
    atomic_fetch_add_explicit(&st->in_flight, 1, memory_order_relaxed);
    st->submitted++;
#if PVM_TSAN
    __tsan_release(b);
#endif
    worker_ensure();
    urcu_qsbr_call_rcu(&b->head, batch_ready);
    request_quiescence();
    pending_update(st); // the pacer re-asks until the batch is back
}

// ---- how much is held back ------------------------------------------------------------

qsbr_hold_action_t qsbr_hold_action(size_t open_items, size_t open_bytes, size_t held,
                                    size_t held_all_bytes) {
    if (held >= QSBR_THREAD_HOLD_MAX || held_all_bytes >= QSBR_GLOBAL_HOLD_MAX)
        return QSBR_HOLD_WAIT;
    if (open_items >= BATCH_ITEMS || open_bytes >= BATCH_BYTES) return QSBR_HOLD_SUBMIT;
    return QSBR_HOLD_OK;
}

// Owner, past a bound: its next eval-breaker check waits for its batches
// (qsbr_process), where it holds no lock-free pointer and no critical
// section half done; retire() itself may run under a container's lock.
static void want_wait(qsbr_state_t *st) {
    if (st->wait_due) return;
    st->wait_due = true;
    thread_t *ts = thread_current();
    if (ts) atomic_fetch_or_explicit(&ts->eval_breaker, EB_QSBR, memory_order_relaxed);
}

size_t qsbr_held_self(void) {
    return tls_state ? held_of(tls_state) : 0;
}

size_t qsbr_held_all(void) {
    return atomic_load_explicit(&held_all, memory_order_relaxed);
}

static void retire(uintptr_t item, size_t bytes) {
    qsbr_state_t *st = tls_fini_done ? NULL : state();
    if (st == NULL || st->open == NULL) {
        if (st) st->open = malloc(sizeof(batch_t));
        if (st == NULL || st->open == NULL) {
            // Out of memory for a batch, or this thread's batches are
            // finished (it is detaching: a batch submitted now would call
            // back into a freed thread_t): wait for a grace period here.
            // Running threads report only when asked, and must be asked
            // again after the grace period has begun: the pacer does that.
            qsbr_tsan_release();
            pacer_hold(true);
            thread_block_begin();
            urcu_qsbr_synchronize_rcu();
            thread_block_end();
            pacer_hold(false);
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
        st->open->mem_bytes = 0;
        st->open->decref_bytes = 0;
    }
    st->open->items[st->open->n++] = item;
    if (item & 1)
        st->open->mem_bytes += bytes;
    else
        st->open->decref_bytes += bytes;
    st->open_bytes += bytes;
    size_t added = atomic_load_explicit(&st->added, memory_order_relaxed) + bytes;
    atomic_store_explicit(&st->added, added, memory_order_relaxed); // only the owner adds
    size_t held = added - atomic_load_explicit(&st->released, memory_order_relaxed);
    qsbr_hold_action_t act = qsbr_hold_action(st->open->n, st->open_bytes, held, 0);
    if (act != QSBR_HOLD_OK) {
        submit(st); // held_all is checked there, per batch
        if (act == QSBR_HOLD_WAIT) want_wait(st);
    } else if (st->open->n == 1) {
        // First item: submit at once unless this thread submitted within
        // the last QSBR_FLUSH_NS (then the eval breaker does it when due,
        // so a burst of retirements still shares one batch).
        uint64_t now = now_ns();
        st->open_since = now;
        if (now - st->last_submit >= QSBR_FLUSH_NS || thread_current() == NULL)
            submit(st);
        else
            pending_update(st); // a pacer tick has the eval breaker submit it when due
    }
}

void qsbr_retire_mem(void *p, size_t bytes) {
    if (p) retire((uintptr_t)p | 1, bytes);
}

void qsbr_defer_decref(obj_t *o) {
    if (o && !IS_SMALLINT(o)) retire((uintptr_t)o, QSBR_DECREF_BYTES);
}

void qsbr_process(thread_t *ts) {
    qsbr_state_t *st = tls_state;
    atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_QSBR, memory_order_relaxed);
    if (st == NULL) return;
    batch_t *b = atomic_exchange_explicit(&st->ready, NULL, memory_order_acquire);
    while (b) {
        batch_t *next = b->next;
        release_batch(st, b, true);
        atomic_fetch_sub_explicit(&st->in_flight, 1, memory_order_relaxed);
        b = next;
    }
    if (st->wait_due && !tls_fini_done) {
        // Past a bound at a retirement: wait (blocked, so offline) for the
        // grace period of what this thread holds back, and release it, if
        // that is still over the bound.  drain_batches calls back here,
        // with wait_due already cleared.
        st->wait_due = false;
        if (qsbr_hold_action(0, 0, held_of(st), qsbr_held_all()) == QSBR_HOLD_WAIT)
            drain_batches(st, ts, 1);
    }
    pending_update(st);
}

void qsbr_flush(thread_t *ts) {
    if (tls_state) submit(tls_state);
}

bool qsbr_poll(thread_t *ts) {
    (void)ts;
    qsbr_state_t *st = tls_state;
    if (st == NULL) return true;
    if (st->open != NULL && st->open->n > 0 && now_ns() - st->open_since >= QSBR_FLUSH_NS)
        submit(st);
    return !st->pending;
}

bool qsbr_pending_self(void) {
    return tls_state != NULL && tls_state->pending;
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

// Waits for this thread's open and in-flight batches and releases them.
// Releasing a batch may retire more (a freed container drops its items),
// so it repeats until nothing is open or in flight, or `rounds` times.
static void drain_batches(qsbr_state_t *st, thread_t *ts, int rounds) {
    while ((st->open != NULL || atomic_load(&st->in_flight) > 0) && rounds-- > 0) {
        batch_t *open = st->open;
        st->open = NULL;
        st->open_bytes = 0;
        // Wait in a blocking region: one grace period covers the open batch;
        // the barrier waits for the callbacks of batches in flight (they
        // point at ts).  Blocked, not just offline: a stop-the-world pause
        // requested meanwhile must not wait for this thread, since the
        // grace period may need the requester's quiescent state.
        qsbr_tsan_release();
        // Running threads report quiescent states only when asked.
        request_quiescence();
        thread_block_begin();
        if (open) urcu_qsbr_synchronize_rcu();
        if (atomic_load(&st->in_flight) > 0) urcu_qsbr_barrier();
        thread_block_end();
        if (open) release_batch(st, open, false);
        qsbr_process(ts);
    }
}

void qsbr_drain_self(thread_t *ts) {
    if (tls_state != NULL && !tls_fini_done) drain_batches(tls_state, ts, 4);
}

void qsbr_thread_fini(thread_t *ts) {
    qsbr_state_t *st = tls_state;
    if (st == NULL) {
        tls_fini_done = true;
        return;
    }
    drain_batches(st, ts, INT32_MAX);
    // A callback may still be finishing after its batch was released here.
    while (atomic_load_explicit(&st->finished, memory_order_acquire) < st->submitted) {
        thread_block_begin();
        urcu_qsbr_barrier();
        thread_block_end();
    }
    pending_update(st); // nothing open or in flight: leaves the pacer's count
    free(st);
    tls_state = NULL;
    tls_fini_done = true;
}

// ---- fork (threads/thread.c's thread_fork_*) ------------------------------------------------

// liburcu's call_rcu worker must be paused across fork() so that its locks
// are in a known state, and recreated in the child.  The caller is offline
// (the worker may be waiting for a grace period).
// The pacer thread is ended before fork() and started again after it, in
// the parent if threads still have batches pending, in the child if the
// forking thread has (the others did not survive).  A thread alive across
// fork() would leave a ghost in the child (glibc hands its stack, and so
// its pthread id, to the child's next thread).
void qsbr_fork_prepare(void) {
    pthread_mutex_lock(&pacer_mu);
    if (pacer_started) {
        pacer_quit = true;
        pthread_cond_signal(&pacer_cv);
        pthread_mutex_unlock(&pacer_mu);
        pthread_join(pacer_thread, NULL);
        pthread_mutex_lock(&pacer_mu);
        pacer_started = false;
    }
    urcu_qsbr_call_rcu_before_fork();
}

void qsbr_fork_parent(void) {
    urcu_qsbr_call_rcu_after_fork_parent();
    if (atomic_load(&pacer_pending) > 0) pacer_start_locked();
    pthread_mutex_unlock(&pacer_mu);
}

void qsbr_fork_child(void) {
    // liburcu makes the child's worker here, from this thread: with every
    // signal blocked, as worker_ensure does.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    urcu_qsbr_call_rcu_after_fork_child();
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_mutex_init(&pacer_mu, NULL);
    pthread_cond_init(&pacer_cv, NULL);
    pacer_started = false;
    atomic_store(&pacer_pending, 0);
    if (tls_state != NULL && tls_state->pending) {
        tls_state->pending = false;
        pending_update(tls_state);
    }
}

void *qsbr_reader_self(void) {
    return &URCU_TLS(urcu_qsbr_reader);
}

// In a fork()'s child, before any other thread exists: unlinks the liburcu
// registration of a thread that did not survive the fork.  Its TLS block
// (and so its registry node) lies in a stack that glibc hands to the next
// thread created, whose own registration would then corrupt the registry
// list; and an online ghost would hold every grace period back.
void qsbr_fork_forget(void *reader) {
    struct urcu_qsbr_reader *r = reader;
    if (r == NULL || !r->registered) return;
    cds_list_del(&r->node);
    r->registered = 0;
    r->ctr = 0;
}
