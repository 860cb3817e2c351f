/*
 * threads/stw.c — stop-the-world pauses (threads/stw.h).
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "registry.h"
#include "stw.h"

static pthread_mutex_t request_mutex = PTHREAD_MUTEX_INITIALIZER; // one pause at a time
static pthread_mutex_t wait_mutex = PTHREAD_MUTEX_INITIALIZER;    // guards the two conds
static pthread_cond_t resumed = PTHREAD_COND_INITIALIZER;         // the pause ended
static pthread_cond_t stopped = PTHREAD_COND_INITIALIZER;         // a thread stopped
static _Atomic int stw_active;
static thread_t *_Atomic stw_requester;

bool stw_must_wait(thread_t *ts) {
    return atomic_load_explicit(&stw_active, memory_order_seq_cst) &&
           atomic_load_explicit(&stw_requester, memory_order_relaxed) != ts;
}

void stw_notify(void) {
    if (!atomic_load_explicit(&stw_active, memory_order_seq_cst)) return;
    pthread_mutex_lock(&wait_mutex);
    pthread_cond_signal(&stopped);
    pthread_mutex_unlock(&wait_mutex);
}

void stw_wait(thread_t *ts) {
    atomic_store_explicit(&ts->state, THREAD_BLOCKED, memory_order_seq_cst);
    pthread_mutex_lock(&wait_mutex);
    pthread_cond_signal(&stopped);
    while (stw_must_wait(ts))
        pthread_cond_wait(&resumed, &wait_mutex);
    pthread_mutex_unlock(&wait_mutex);
}

// True when every registered thread but `me` is BLOCKED; also re-raises
// EB_STOP_WORLD on the others (a thread that attached since the last look
// gets it too).
static bool all_stopped(thread_t *me, size_t *count) {
    bool all = true;
    size_t n = 0;
    registry_lock();
    for (thread_t *t = registry_first(); t; t = t->next) {
        if (t == me) continue;
        n++;
        if (atomic_load_explicit(&t->state, memory_order_seq_cst) != THREAD_BLOCKED) {
            all = false;
            atomic_fetch_or_explicit(&t->eval_breaker, EB_STOP_WORLD, memory_order_relaxed);
        }
    }
    registry_unlock();
    *count = n;
    return all;
}

size_t stw_stop_world(void) {
    thread_t *me = thread_current();
    // Wait for a pause already on as any blocked thread does.
    thread_block_begin();
    pthread_mutex_lock(&request_mutex);
    atomic_store_explicit(&stw_requester, me, memory_order_relaxed);
    atomic_store_explicit(&stw_active, 1, memory_order_seq_cst);
    size_t n;
    pthread_mutex_lock(&wait_mutex);
    while (!all_stopped(me, &n)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 1000000; // re-check every millisecond
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&stopped, &wait_mutex, &ts);
    }
    pthread_mutex_unlock(&wait_mutex);
    thread_block_end(); // the requester may run during its own pause
    return n;
}

void stw_start_world(void) {
    pthread_mutex_lock(&wait_mutex);
    atomic_store_explicit(&stw_active, 0, memory_order_seq_cst);
    atomic_store_explicit(&stw_requester, NULL, memory_order_relaxed);
    pthread_cond_broadcast(&resumed);
    pthread_mutex_unlock(&wait_mutex);
    pthread_mutex_unlock(&request_mutex);
}

// In the child of fork(): only the requester (the forking thread) exists;
// a pause is ended without waking anyone, and the mutexes, which a thread
// that no longer exists may have held, start afresh.
void stw_after_fork_child(void) {
    pthread_mutex_init(&request_mutex, NULL);
    pthread_mutex_init(&wait_mutex, NULL);
    pthread_cond_init(&resumed, NULL);
    pthread_cond_init(&stopped, NULL);
    atomic_store_explicit(&stw_active, 0, memory_order_seq_cst);
    atomic_store_explicit(&stw_requester, NULL, memory_order_relaxed);
}
