/*
 * threads/mutex.c — slow paths of the one-byte mutex (threads/mutex.h).
 *
 * Lock: spin a little (the holder is usually about to release), then set
 * HAS_PARKED and park.  A thread about to park goes offline for QSBR so it
 * never holds up a grace period while asleep.  Unlock with HAS_PARKED set
 * wakes one waiter; whether HAS_PARKED stays set and whether the lock is
 * handed over is decided under the parking bucket's lock (`decide`).
 */
#include <sched.h>

#include "mutex.h"
#include "thread.h"

#define SPIN_COUNT 40

void thread_offline_for_park(bool offline); // threads/thread.c

void mutex_lock_slow(_Atomic uint8_t *m) {
    for (int i = 0; i < SPIN_COUNT; i++) {
        uint8_t v = atomic_load_explicit(m, memory_order_relaxed);
        if (!(v & MUTEX_LOCKED) &&
            atomic_compare_exchange_weak_explicit(m, &v, v | MUTEX_LOCKED, memory_order_acquire,
                                                  memory_order_relaxed))
            return;
        if (i > SPIN_COUNT / 2) sched_yield();
    }
    for (;;) {
        uint8_t v = atomic_load_explicit(m, memory_order_relaxed);
        if (!(v & MUTEX_LOCKED)) {
            if (atomic_compare_exchange_weak_explicit(m, &v, v | MUTEX_LOCKED, memory_order_acquire,
                                                      memory_order_relaxed))
                return;
            continue;
        }
        if (!(v & MUTEX_HAS_PARKED)) {
            if (!atomic_compare_exchange_weak_explicit(m, &v, v | MUTEX_HAS_PARKED,
                                                       memory_order_relaxed, memory_order_relaxed))
                continue;
        }
        thread_offline_for_park(true);
        int r = parking_park(m, MUTEX_LOCKED | MUTEX_HAS_PARKED, -1);
        thread_offline_for_park(false);
        if (r == PARK_HANDOFF) {
            atomic_thread_fence(memory_order_acquire);
            return;
        }
    }
}

static bool unlock_decide(_Atomic uint8_t *m, bool found, int64_t waited_ns, bool more) {
    uint8_t parked = more ? MUTEX_HAS_PARKED : 0;
    if (found && waited_ns > MUTEX_HANDOFF_NS) {
        // Fairness: the woken thread owns the lock on return.
        atomic_store_explicit(m, MUTEX_LOCKED | parked, memory_order_release);
        return true;
    }
    atomic_store_explicit(m, parked, memory_order_release);
    return false;
}

void mutex_unlock_slow(_Atomic uint8_t *m) {
    parking_unpark_one(m, unlock_decide);
}
