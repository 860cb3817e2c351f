/*
 * threads/mutex.h — the one-byte per-object mutex (ob_mutex) and the
 * parking lot underneath it.
 *
 * State bits: MUTEX_LOCKED, MUTEX_HAS_PARKED (some thread sleeps in the
 * parking lot on this address).  Fast path: one CAS 0 -> LOCKED.  Contended:
 * spin briefly, then park.  Unlock with waiters wakes one; a waiter that has
 * waited longer than MUTEX_HANDOFF_NS gets the lock handed over directly
 * (it wakes up owning it), so a stream of fresh lockers cannot starve it.
 * Outside threads/ the mutex is only taken through critical sections.
 */
#ifndef PVM_MUTEX_H
#define PVM_MUTEX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define MUTEX_LOCKED     0x1
#define MUTEX_HAS_PARKED 0x2
#define MUTEX_HANDOFF_NS 1000000 // 1 ms

void mutex_lock_slow(_Atomic uint8_t *m);
void mutex_unlock_slow(_Atomic uint8_t *m);

static inline bool mutex_trylock(_Atomic uint8_t *m) {
    uint8_t expected = 0;
    return atomic_compare_exchange_strong_explicit(m, &expected, MUTEX_LOCKED, memory_order_acquire,
                                                   memory_order_relaxed);
}

static inline void mutex_lock(_Atomic uint8_t *m) {
    if (!mutex_trylock(m)) mutex_lock_slow(m);
}

static inline void mutex_unlock(_Atomic uint8_t *m) {
    uint8_t expected = MUTEX_LOCKED;
    if (!atomic_compare_exchange_strong_explicit(m, &expected, 0, memory_order_release,
                                                 memory_order_relaxed))
        mutex_unlock_slow(m);
}

static inline bool mutex_is_locked(_Atomic uint8_t *m) {
    return (atomic_load_explicit(m, memory_order_relaxed) & MUTEX_LOCKED) != 0;
}

// ---- parking lot (threads/parking.c) ------------------------------------------

#define PARK_OK      0 // woken by unpark
#define PARK_AGAIN   1 // *addr no longer held `expected`: retry
#define PARK_TIMEOUT 2 // timeout elapsed
#define PARK_HANDOFF 3 // woken with ownership handed over

// Sleeps on `addr` if the byte there still equals `expected` (checked under
// the bucket lock, so a concurrent unpark cannot be missed).  timeout_ns < 0
// waits forever.
int parking_park(_Atomic uint8_t *addr, uint8_t expected, int64_t timeout_ns);
// Wakes at most one thread parked on addr.  `decide` runs under the bucket
// lock with whether a waiter was found, how long it waited and whether more
// remain; it returns true to hand ownership to the woken thread.
typedef bool (*unpark_decide_fn)(_Atomic uint8_t *addr, bool found, int64_t waited_ns,
                                 bool more_waiters);
void parking_unpark_one(_Atomic uint8_t *addr, unpark_decide_fn decide);
// Wakes every thread parked on addr (returns how many).
int parking_unpark_all(_Atomic uint8_t *addr);
uint64_t monotonic_ns(void);

#endif // PVM_MUTEX_H
