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
 * parked on a mutex.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gc/brc.h"
#include "../gc/credit.h"
#include "../gc/qsbr.h"
#include "../objects/exceptions.h"
#include "critical.h"
#include "registry.h"
#include "stw.h"
#include "thread.h"

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
static thread_t *main_thread;

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
    qsbr_register();
    qsbr_thread_init();
    tls_online = true;
    // Registered as BLOCKED: a thread attaching during a stop-the-world
    // pause waits here before it touches the heap.
    set_running(ts);
    return ts;
}

// The interpreter owns the register stack (core/eval.c overrides this).
__attribute__((weak)) void thread_stack_free(thread_t *ts) {
    (void)ts;
}

void thread_detach(void) {
    thread_t *ts = pvm_tls_thread;
    if (ts == NULL) return;
    credit_settle(ts);
    CLEAR(ts->exc);
    CLEAR(ts->exc_info);
    // Merging the last queued objects may free containers, which retire
    // items through QSBR: drain the BRC queue first, then the QSBR batches.
    credit_thread_fini(ts); // dropping the exceptions may have added debts
    brc_thread_fini(ts);
    qsbr_thread_fini(ts);
    credit_thread_fini(ts); // __del__ methods run above may have made credits or debts
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

static volatile sig_atomic_t sigint_pending;

static void on_sigint(int sig) {
    (void)sig;
    sigint_pending = 1;
    thread_t *m = main_thread;
    if (m) atomic_fetch_or_explicit(&m->eval_breaker, EB_SIGNAL, memory_order_relaxed);
}

void thread_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

bool thread_is_main(thread_t *ts) {
    return ts == main_thread;
}

void thread_hard_stop(thread_t *ts) {
    atomic_fetch_or_explicit(&ts->eval_breaker, EB_HARD_STOP, memory_order_relaxed);
}

void thread_hard_stop_clear(thread_t *ts) {
    atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_HARD_STOP, memory_order_relaxed);
}

int thread_handle_eval_breaker(thread_t *ts) {
    uint32_t bits = atomic_load_explicit(&ts->eval_breaker, memory_order_acquire);
    if (bits & EB_QSBR_POLL) {
        if (qsbr_poll(ts))
            atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_QSBR_POLL,
                                      memory_order_relaxed);
        // Only polling: no quiescent state (it would pay this thread's
        // credits at every check); qsbr_poll raises EB_QUIESCE when one
        // is needed.
        if (bits == EB_QSBR_POLL) return 0;
    }
    if (bits & EB_STOP_WORLD) {
        // Park: an empty blocking region, whose end waits out the pause.
        atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_STOP_WORLD,
                                  memory_order_relaxed);
        thread_block_begin();
        thread_block_end();
    }
    if (bits & EB_MERGE_QUEUE) brc_merge_queue(ts);
    if (bits & EB_QUIESCE)
        atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_QUIESCE, memory_order_relaxed);
    thread_quiescent();
    // The quiescent state paid the credits: the debts can be applied.
    if (ts->ndebts > 0) credit_settle(ts);
    if (bits & EB_QSBR) qsbr_process(ts);
    if (bits & EB_HARD_STOP) {
        if (!err_occurred()) err_set(exc_KeyboardInterrupt, NULL);
        return -1;
    }
    if ((bits & EB_SIGNAL) && ts == main_thread) {
        atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_SIGNAL, memory_order_relaxed);
        if (sigint_pending) {
            sigint_pending = 0;
            err_set(exc_KeyboardInterrupt, NULL);
            return -1;
        }
    }
    return 0;
}
