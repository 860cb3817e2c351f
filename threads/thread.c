/*
 * threads/thread.c — thread states, the registry of attached threads, QSBR
 * registration, blocking regions and the eval-breaker handler.
 *
 * Ids: each attached thread gets the smallest free id >= 1.  An id is freed
 * at detach, after the thread drained its merge queue, under the registry
 * lock; objects still carrying the old id are then owned by whichever
 * thread takes the id next, which is sound because the registry lock orders
 * the old owner's last writes before the new owner's first reads
 * (gc/refcount.c).
 *
 * QSBR: an attached thread is registered with urcu-qsbr and online while it
 * runs Python code; it reports quiescent states from the eval breaker and
 * goes offline around every blocking call (thread_block_begin/end) and while
 * parked on a mutex.  thread_sem_wait is the blocking wait on a POSIX
 * semaphore (the native _queue and _multiprocessing modules).
 */
#define _GNU_SOURCE // sem_clockwait
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/error.h"
#include "../gc/brc.h"
#include "../gc/credit.h"
#include "../gc/gc.h"
#include "../gc/qsbr.h"
#include "../objects/exceptions.h"
#include "critical.h"
#include "registry.h"
#include "stress.h"
#include "stw.h"
#include "thread.h"
#include "../core/parser.h"

__thread uint32_t pvm_tls_tid __attribute__((tls_model("initial-exec")));
__thread thread_t *pvm_tls_thread __attribute__((tls_model("initial-exec")));
_Atomic int pvm_recursion_limit = PVM_DEFAULT_RECURSION_LIMIT;
_Atomic int pvm_attached_threads;

static __thread bool tls_online; // registered with QSBR and online
static __thread int tls_block_depth;

static pthread_mutex_t reg_mutex = PTHREAD_MUTEX_INITIALIZER;
static thread_t *reg_head;
static size_t reg_count;
static thread_t **reg_by_tid; // index: tid
static uint32_t reg_cap;
static thread_t *_Atomic main_thread; // read by signal handlers: atomic

void registry_lock(void) {
    pthread_mutex_lock(&reg_mutex);
}
void registry_unlock(void) {
    pthread_mutex_unlock(&reg_mutex);
}
thread_t *registry_first(void) {
    return reg_head;
}
size_t registry_count(void) {
    return reg_count;
}

thread_t *registry_find(uint32_t tid) {
    return tid < reg_cap ? reg_by_tid[tid] : NULL;
}

// Smallest free id >= 1; registry lock held.
static uint32_t alloc_tid(thread_t *ts) {
    for (uint32_t i = 1; i < reg_cap; i++) {
        if (reg_by_tid[i] == NULL) {
            reg_by_tid[i] = ts;
            return i;
        }
    }
    uint32_t cap = reg_cap ? reg_cap * 2 : 64;
    thread_t **t = realloc(reg_by_tid, cap * sizeof(thread_t *));
    if (t == NULL) return 0;
    memset(t + reg_cap, 0, (cap - reg_cap) * sizeof(thread_t *));
    uint32_t tid = reg_cap ? reg_cap : 1;
    reg_by_tid = t;
    reg_cap = cap;
    reg_by_tid[tid] = ts;
    return tid;
}

// Leaves the BLOCKED state, first waiting out a stop-the-world pause.
static void set_running(thread_t *ts) {
    for (;;) {
        atomic_store_explicit(&ts->state, THREAD_RUNNING, memory_order_seq_cst);
        if (!stw_must_wait(ts)) return;
        stw_wait(ts);
    }
}

static void set_blocked(thread_t *ts) {
    atomic_store_explicit(&ts->state, THREAD_BLOCKED, memory_order_seq_cst);
    stw_notify();
}

thread_t *thread_attach(void) {
    if (pvm_tls_thread) return pvm_tls_thread;
    thread_t *ts = calloc(1, sizeof(thread_t));
    if (ts == NULL) return NULL;
    registry_lock();
    ts->ident = (uint64_t)pthread_self();
    ts->tid = alloc_tid(ts);
    if (ts->tid == 0) {
        registry_unlock();
        free(ts);
        return NULL;
    }
    ts->next = reg_head;
    reg_head = ts;
    reg_count++;
    if (main_thread == NULL) main_thread = ts;
    atomic_fetch_add_explicit(&pvm_attached_threads, 1, memory_order_seq_cst);
    registry_unlock();
    pvm_tls_tid = ts->tid;
    pvm_tls_thread = ts;
    parse_stack_init(); // the C stack guard of c_recursion_enter and obj_call
    qsbr_register();
    ts->qsbr_reader = qsbr_reader_self();
    qsbr_thread_init();
    // Registered as BLOCKED: a thread attaching during a stop-the-world
    // pause waits here before it touches the heap, and waits offline:
    // liburcu registers it online, and the pause's requester may be
    // waiting for a grace period (fork waits for liburcu's worker, which
    // may be in synchronize_rcu), which an online parked thread would
    // hold back for ever.
    qsbr_offline(ts);
    set_running(ts);
    qsbr_online();
    tls_online = true;
    return ts;
}

// The interpreter owns the register stack (core/eval.c overrides this).
__attribute__((weak)) void thread_stack_free(thread_t *ts) {
    (void)ts;
}

// Releases the thread's _thread._set_sentinel lock if it is still held
// (threads/thread_module.c overrides this).
__attribute__((weak)) void thread_release_sentinel(void) {}

void thread_clear(thread_t *ts) {
    credit_settle(ts);
    CLEAR(ts->exc);
    CLEAR(ts->exc_info);
    CLEAR(ts->trace_func); // sys.settrace / setprofile (core/trace.c)
    CLEAR(ts->profile_func);
    ts->trace_dispatch = false;
    CLEAR(ts->context);
    CLEAR(ts->asyncgen_firstiter);
    CLEAR(ts->asyncgen_finalizer);
    credit_settle(ts); // dropping the exceptions may have added debts
}

void thread_detach(void) {
    thread_t *ts = pvm_tls_thread;
    if (ts == NULL) return;
    thread_clear(ts);
    // Merging the last queued objects may free containers, which retire
    // items through QSBR: drain the BRC queue first, then the QSBR batches.
    credit_thread_fini(ts); // dropping the exceptions may have added debts
    brc_thread_fini(ts);
    qsbr_thread_fini(ts);
    thread_release_sentinel();
    credit_thread_fini(ts); // __del__ methods run above may have made credits or debts
    gc_thread_fini();       // its objects stay in its registry, which outlives it
    free(ts->repr_stack);
    thread_stack_free(ts);
    if (tls_online) qsbr_offline(ts);
    qsbr_unregister();
    tls_online = false;
    registry_lock();
    thread_t **pp = &reg_head;
    while (*pp && *pp != ts)
        pp = &(*pp)->next;
    if (*pp) *pp = ts->next;
    reg_by_tid[ts->tid] = NULL;
    reg_count--;
    atomic_fetch_sub_explicit(&pvm_attached_threads, 1, memory_order_seq_cst);
    if (main_thread == ts) main_thread = NULL;
    registry_unlock();
    pvm_tls_thread = NULL;
    pvm_tls_tid = 0;
    free(ts);
}

void thread_block_begin(void) {
    if (tls_block_depth++ > 0) return;
    critical_suspend_all();
    if (tls_online)
        qsbr_offline(pvm_tls_thread);
    else
        credit_pay_all(pvm_tls_thread);
    if (pvm_tls_thread) set_blocked(pvm_tls_thread);
}

void thread_block_end(void) {
    if (--tls_block_depth > 0) return;
    if (pvm_tls_thread) set_running(pvm_tls_thread);
    if (tls_online) qsbr_online();
    critical_resume();
}

void thread_settle_before_wait(void) {
    thread_t *ts = pvm_tls_thread;
    if (ts != NULL && ts->ndebts > 0 && tls_online && tls_block_depth == 0) credit_settle(ts);
}

void thread_wait_chores(thread_t *ts) {
    if (ts == NULL || tls_block_depth != 1 || !tls_online) return;
    uint32_t bits = atomic_load_explicit(&ts->eval_breaker, memory_order_acquire);
    if (!(bits & (EB_MERGE_QUEUE | EB_QSBR))) return;
    thread_block_end();
    if (bits & EB_MERGE_QUEUE) brc_merge_queue(ts);
    if (bits & EB_QSBR) qsbr_process(ts);
    thread_settle_before_wait();
    thread_block_begin();
}

// Parking on a mutex is a blocking region for QSBR (threads/mutex.c).
void thread_offline_for_park(bool offline) {
    if (!tls_online || tls_block_depth > 0) return;
    if (offline)
        qsbr_offline(pvm_tls_thread);
    else
        qsbr_online();
}

void thread_quiescent(void) {
    if (tls_online && tls_block_depth == 0) qsbr_quiescent(pvm_tls_thread);
}

// ---- signals -------------------------------------------------------------------

// Set by the SIGINT handler, taken by the main thread's eval breaker: an
// atomic (lock-free, so async-signal-safe), since the handler may run on any
// OS thread and the main thread may change (fork's child, exit).
static _Atomic int sigint_pending;

static void on_sigint(int sig) {
    (void)sig;
    sigint_pending = 1;
    thread_t *m = main_thread;
    if (m) atomic_fetch_or_explicit(&m->eval_breaker, EB_SIGNAL, memory_order_relaxed);
}

// Python-level signal handlers (modules/signal.c): its C handler flags the
// signal and calls thread_signal_main (async-signal-safe); the main thread's
// next eval-breaker check calls the hook, which runs the Python handlers.
static int (*_Atomic signal_hook)(void);

void thread_set_signal_hook(int (*hook)(void)) {
    signal_hook = hook;
}

void thread_signal_main(void) {
    thread_t *m = main_thread;
    if (m) atomic_fetch_or_explicit(&m->eval_breaker, EB_SIGNAL, memory_order_relaxed);
}

void thread_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    // As CPython: a write to a closed pipe raises BrokenPipeError instead of
    // killing the process; likewise for a file over RLIMIT_FSIZE.
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
}

bool thread_is_main(thread_t *ts) {
    return ts == main_thread;
}

static struct timespec ts_add_ns(struct timespec t, int64_t ns) {
    t.tv_sec += ns / 1000000000;
    t.tv_nsec += ns % 1000000000;
    if (t.tv_nsec >= 1000000000) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000;
    }
    return t;
}

struct timespec thread_deadline_after(double seconds) {
    struct timespec t;
    int64_t ns;
    if (stress_serial() && stress_clock_ns(CLOCK_MONOTONIC, &ns)) { // virtual time
        t.tv_sec = ns / 1000000000;
        t.tv_nsec = ns % 1000000000;
    } else {
        clock_gettime(CLOCK_MONOTONIC, &t);
    }
    return ts_add_ns(t, (int64_t)(seconds * 1e9));
}

// -X stress's serial mode runs one thread at a time and switches only at
// its own points: a thread blocked in sem_wait would stall the whole run.
// It polls instead, sleeping 1 ms of virtual time between tries (the other
// threads run meanwhile); its deadline is virtual (thread_deadline_after).
static int sem_wait_serial(sem_t *h, const struct timespec *deadline) {
    thread_t *ts = thread_current();
    for (;;) {
        if (sem_trywait(h) == 0) return 1;
        int64_t now;
        if (deadline && stress_clock_ns(CLOCK_MONOTONIC, &now) &&
            now >= (int64_t)deadline->tv_sec * 1000000000 + deadline->tv_nsec)
            return 0;
        stress_sleep(0.001);
        if (ts && (atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed) & EB_SIGNAL) &&
            thread_handle_eval_breaker(ts) < 0)
            return -1;
    }
}

int thread_sem_wait(void *sem, const struct timespec *deadline) {
    sem_t *h = sem;
    if (stress_serial()) return sem_wait_serial(h, deadline);
    for (;;) {
        if (sem_trywait(h) == 0) return 1;
        if (errno == EAGAIN) break;
        if (errno != EINTR) {
            err_from_errno(errno, NULL);
            return -1;
        }
    }
    thread_settle_before_wait();
    thread_t *ts = thread_current();
    for (;;) {
        struct timespec now, slice;
        const struct timespec *until = deadline;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (deadline && (now.tv_sec > deadline->tv_sec ||
                         (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec)))
            return 0;
        // Every thread wakes now and then: the main thread to notice a
        // signal, every thread for its merge queue (thread_wait_chores).
        slice = ts_add_ns(now, THREAD_WAIT_SLICE_NS);
        if (deadline == NULL || slice.tv_sec < deadline->tv_sec ||
            (slice.tv_sec == deadline->tv_sec && slice.tv_nsec < deadline->tv_nsec))
            until = &slice;
        thread_block_begin();
        int r = until ? sem_clockwait(h, CLOCK_MONOTONIC, until) : sem_wait(h);
        int e = errno;
        if (r != 0) thread_wait_chores(ts);
        thread_block_end();
        if (r == 0) return 1;
        if (e != ETIMEDOUT && e != EINTR) {
            err_from_errno(e, NULL);
            return -1;
        }
        // Timed out (the deadline is checked above) or interrupted: run
        // the handlers of the signals that arrived meanwhile.
        if (ts && (atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed) & EB_SIGNAL) &&
            thread_handle_eval_breaker(ts) < 0)
            return -1;
    }
}

void thread_hard_stop(thread_t *ts) {
    atomic_fetch_or_explicit(&ts->eval_breaker, EB_HARD_STOP, memory_order_relaxed);
}

void thread_hard_stop_clear(thread_t *ts) {
    atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_HARD_STOP, memory_order_relaxed);
}

static int handle_eval_breaker(thread_t *ts, uint32_t ignore) {
    uint32_t bits = atomic_load_explicit(&ts->eval_breaker, memory_order_acquire) & ~ignore;
    if (bits == 0) return 0; // only EB_TRACING: the interpreter's business
    if (bits & EB_STOP_WORLD) {
        // Park: an empty blocking region, whose end waits out the pause.
        atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_STOP_WORLD,
                                  memory_order_relaxed);
        thread_block_begin();
        thread_block_end();
    }
    // Signals before the work below: merges, deferred releases and
    // collections may run finalizers and weakref callbacks, and a Python
    // signal handler run from inside one of them would have its exception
    // swallowed there (reported as unraisable) instead of reaching the
    // code the signal interrupted.
    if (bits & EB_HARD_STOP) {
        if (!err_occurred()) err_set(exc_KeyboardInterrupt, NULL);
        return -1;
    }
    if ((bits & EB_SIGNAL) && ts == main_thread) {
        atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_SIGNAL, memory_order_relaxed);
        if (atomic_exchange(&sigint_pending, 0)) {
            err_set(exc_KeyboardInterrupt, NULL);
            return -1;
        }
        if (signal_hook != NULL && signal_hook() < 0) return -1;
    }
    if (bits & EB_MERGE_QUEUE) brc_merge_queue(ts);
    if (bits & EB_QUIESCE) {
        atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_QUIESCE, memory_order_relaxed);
        qsbr_poll(ts); // the pacer's tick: submit this thread's open batch if due
    }
    thread_quiescent();
    // The quiescent state paid the credits: the debts can be applied.
    if (ts->ndebts > 0) credit_settle(ts);
    if (bits & EB_QSBR) qsbr_process(ts);
    if (bits & EB_GC) {
        atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_GC, memory_order_relaxed);
        gc_collect_scheduled();
    }
    return 0;
}

int thread_handle_eval_breaker(thread_t *ts) {
    return handle_eval_breaker(ts, EB_TRACING);
}

// At a function's entry a pending signal stays pending (EB_SIGNAL stays
// set): it is raised at the next backward jump or call return instead.
// Raised at entry, it would land in the first line of whatever function
// runs next, such as the lock re-acquisition inside Condition.wait's
// `finally`, before the lock is taken, and the caller's `with` would then
// release a lock it does not hold.  CPython's GIL makes that window
// almost unreachable; without one, the signal must not open it.
int thread_handle_eval_breaker_at_entry(thread_t *ts) {
    return handle_eval_breaker(ts, EB_TRACING | EB_SIGNAL);
}

// ---- fork --------------------------------------------------------------------------------

// The fork protocol (posix.fork): thread_fork_prepare stops the world, so
// every other attached thread is parked in a blocking region (offline for
// QSBR, holding no critical section), and pauses liburcu's worker; the
// caller then forks while offline itself.  In the parent,
// thread_fork_parent undoes both.  In the child, thread_fork_child makes
// the calling thread the only attached one (and the main thread, as in
// CPython): the other threads' states are unlinked from the registry and
// leaked (their frames may still own objects, which simply stay alive),
// their ids freed, their liburcu registrations unlinked (their stacks
// and TLS get reused by the child's next threads), the registry and
// stop-the-world locks reinitialised.
// Objects biased to a vanished thread are then treated as ownerless by
// gc/refcount.c (registry_find returns NULL).  Python-level state of the
// vanished threads (threading's tables, locks they held) is the business
// of register_at_fork hooks.
void thread_fork_prepare(void) {
    stw_stop_world();
    thread_block_begin();
    qsbr_fork_prepare();
}

void thread_fork_parent(void) {
    qsbr_fork_parent();
    thread_block_end();
    stw_start_world();
}

static bool fork_left_threads;

bool thread_fork_left_threads(void) {
    return fork_left_threads;
}

void thread_fork_child(void) {
    thread_t *me = pvm_tls_thread;
    pthread_mutex_init(&reg_mutex, NULL);
    thread_t **pp = &reg_head;
    while (*pp) {
        thread_t *t = *pp;
        if (t == me) {
            pp = &t->next;
            continue;
        }
        *pp = t->next;
        fork_left_threads = true;
        t->brc_closed = true;
        qsbr_fork_forget(t->qsbr_reader);
        if (t->tid < reg_cap) reg_by_tid[t->tid] = NULL;
        reg_count--;
        atomic_fetch_sub_explicit(&pvm_attached_threads, 1, memory_order_seq_cst);
    }
    main_thread = me;
    sigint_pending = 0;
    stw_after_fork_child();
    qsbr_fork_child();
    thread_block_end();
}
