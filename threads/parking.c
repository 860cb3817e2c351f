/*
 * threads/parking.c — a parking lot: threads sleep keyed by an address.
 *
 * A fixed table of buckets, each a pthread mutex and a FIFO of waiters; an
 * address hashes to one bucket.  Each waiter sleeps on its own semaphore, so
 * a wake-up targets exactly one thread.  The check of the byte at `addr`
 * and the enqueue happen under the bucket lock, and unparkers take the same
 * lock, so no wake-up is lost between "saw it locked" and "went to sleep".
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <time.h>

#include "mutex.h"

typedef struct waiter {
    struct waiter *next;
    _Atomic uint8_t *addr;
    sem_t sem;
    uint64_t start_ns;
    bool handoff;
    bool woken;
} waiter_t;

typedef struct {
    pthread_mutex_t lock;
    waiter_t *head, *tail;
} bucket_t;

#define NBUCKETS 257
static bucket_t buckets[NBUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void buckets_init(void) {
    for (int i = 0; i < NBUCKETS; i++)
        pthread_mutex_init(&buckets[i].lock, NULL);
}

static bucket_t *bucket_for(const void *addr) {
    pthread_once(&buckets_once, buckets_init);
    uintptr_t h = (uintptr_t)addr;
    h ^= h >> 17;
    return &buckets[h % NBUCKETS];
}

uint64_t monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void unlink_waiter(bucket_t *b, waiter_t *w) {
    waiter_t **pp = &b->head, *prev = NULL;
    while (*pp && *pp != w) {
        prev = *pp;
        pp = &(*pp)->next;
    }
    if (*pp == w) {
        *pp = w->next;
        if (b->tail == w) b->tail = prev;
    }
}

int parking_park(_Atomic uint8_t *addr, uint8_t expected, int64_t timeout_ns) {
    bucket_t *b = bucket_for(addr);
    waiter_t w = {.addr = addr, .start_ns = monotonic_ns()};
    pthread_mutex_lock(&b->lock);
    if (atomic_load_explicit(addr, memory_order_relaxed) != expected) {
        pthread_mutex_unlock(&b->lock);
        return PARK_AGAIN;
    }
    sem_init(&w.sem, 0, 0);
    if (b->tail)
        b->tail->next = &w;
    else
        b->head = &w;
    b->tail = &w;
    pthread_mutex_unlock(&b->lock);

    int rc = 0;
    if (timeout_ns < 0) {
        while ((rc = sem_wait(&w.sem)) != 0 && errno == EINTR) {
        }
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t ns = (uint64_t)ts.tv_nsec + (uint64_t)timeout_ns;
        ts.tv_sec += (time_t)(ns / 1000000000u);
        ts.tv_nsec = (long)(ns % 1000000000u);
        while ((rc = sem_timedwait(&w.sem, &ts)) != 0 && errno == EINTR) {
        }
    }
    int result = PARK_OK;
    if (rc != 0) {
        // Timed out; an unparker may still have picked us meanwhile.
        pthread_mutex_lock(&b->lock);
        if (w.woken) {
            pthread_mutex_unlock(&b->lock);
            sem_wait(&w.sem); // consume its post
        } else {
            unlink_waiter(b, &w);
            pthread_mutex_unlock(&b->lock);
            sem_destroy(&w.sem);
            return PARK_TIMEOUT;
        }
    }
    if (w.handoff) result = PARK_HANDOFF;
    sem_destroy(&w.sem);
    return result;
}

void parking_unpark_one(_Atomic uint8_t *addr, unpark_decide_fn decide) {
    bucket_t *b = bucket_for(addr);
    pthread_mutex_lock(&b->lock);
    waiter_t *w = b->head, *prev = NULL;
    while (w && w->addr != addr) {
        prev = w;
        w = w->next;
    }
    bool more = false;
    if (w) {
        for (waiter_t *x = w->next; x; x = x->next)
            if (x->addr == addr) {
                more = true;
                break;
            }
        if (prev)
            prev->next = w->next;
        else
            b->head = w->next;
        if (b->tail == w) b->tail = prev;
    }
    int64_t waited = w ? (int64_t)(monotonic_ns() - w->start_ns) : 0;
    bool handoff = decide(addr, w != NULL, waited, more);
    if (w) {
        w->handoff = handoff;
        w->woken = true;
        sem_post(&w->sem);
    }
    pthread_mutex_unlock(&b->lock);
}

int parking_unpark_all(_Atomic uint8_t *addr) {
    bucket_t *b = bucket_for(addr);
    int n = 0;
    pthread_mutex_lock(&b->lock);
    waiter_t **pp = &b->head, *prev = NULL;
    while (*pp) {
        waiter_t *w = *pp;
        if (w->addr == addr) {
            *pp = w->next;
            if (b->tail == w) b->tail = prev;
            w->woken = true;
            sem_post(&w->sem);
            n++;
        } else {
            prev = w;
            pp = &w->next;
        }
    }
    pthread_mutex_unlock(&b->lock);
    return n;
}
