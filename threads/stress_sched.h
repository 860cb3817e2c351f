/*
 * threads/stress_sched.h — the seeded scheduler of stress mode, as a pure
 * state machine (no OS threads, no locks: threads/stress.c wraps it in a
 * mutex and a condition variable; tests/c/test_stress_sched.c drives it).
 *
 * Threads are kept in creation order.  Each is RUNNABLE, WAITING (for a
 * lock, identified by its address, or for a virtual deadline: time.sleep,
 * a timed acquire) or EXITED.  Exactly one thread holds the token
 * (`current`) in serial mode.  Decisions come from one xorshift stream
 * seeded by the seed, drawn only by the token holder, so the same seed and
 * the same program give the same decisions.
 *
 * Virtual time: `vnow` (ns) advances by a small step at each switch, by a
 * seeded delay at some switch points (a preemption: stress_sched_delay)
 * and, when no thread is runnable, jumps to the earliest deadline.  A pick
 * first wakes the threads whose deadline has passed, with timed_out set.  No runnable thread and no
 * deadline is a deadlock: stress_sched_pick returns NULL.
 */
#ifndef PVM_STRESS_SCHED_H
#define PVM_STRESS_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#define SCHED_RUNNABLE       0
#define SCHED_WAITING        1
#define SCHED_EXITED         2

#define SCHED_NO_DEADLINE    UINT64_MAX
#define SCHED_SWITCH_STEP_NS 1000 // virtual time a switch costs

typedef struct sched_thread {
    uint32_t index;       // creation order: the main thread is 0
    int state;            // SCHED_*
    const void *wait_obj; // lock waited for, or NULL (a sleep)
    uint64_t deadline;    // virtual ns, or SCHED_NO_DEADLINE
    bool timed_out;       // woken by its deadline, not by a release
    int noswitch;         // > 0: points do not switch away (import locks)
    uint64_t rng;         // this thread's own stream (perturbation mode)
    bool after_store;     // its last point preceded a store: the next one weighs more
    void *ts;             // its thread_t once it runs (deadlock reports)
    struct sched_thread *next;
} sched_thread_t;

typedef struct {
    sched_thread_t *head, *tail;
    uint32_t count;          // threads ever added (next index)
    sched_thread_t *current; // token holder (serial mode)
    uint64_t rng;            // the scheduler's stream
    uint64_t seed;
    uint64_t vnow;     // virtual time, ns
    uint64_t switches; // token handoffs so far
} stress_sched_t;

// Splitmix64: seeds streams from (seed, index) so that thread k's stream
// depends on its creation order only.
uint64_t stress_mix(uint64_t x);
// Next value of an xorshift64* stream (never 0 state).
uint64_t stress_rand(uint64_t *state);

void stress_sched_init(stress_sched_t *s, uint64_t seed);
// Appends t (RUNNABLE) with the next index; seeds its stream.
void stress_sched_add(stress_sched_t *s, sched_thread_t *t);
// Whether a point of `kind` (STRESS_KIND_*) switches: one draw.
bool stress_sched_should_switch(stress_sched_t *s, int kind);
// A preemption in virtual time: advances vnow by a seeded delay (1 us to
// 8 ms), so that a thread sleeping "long enough" for another's work (a
// timing assumption) can wake up before that work is done.
void stress_sched_delay(stress_sched_t *s);
// Chooses the next token holder among RUNNABLE threads (uniformly, one
// draw), after waking the waiters whose deadline has passed; with none
// runnable, advances virtual time to the earliest deadline and wakes its
// waiters.  NULL: every live thread waits with no deadline
// (deadlock), or no thread is left.
sched_thread_t *stress_sched_pick(stress_sched_t *s);
// t waits for obj (NULL: only the deadline) until the absolute deadline.
void stress_sched_block(stress_sched_t *s, sched_thread_t *t, const void *obj, uint64_t deadline);
// obj was released: its waiters become RUNNABLE.  Returns how many.
int stress_sched_wake(stress_sched_t *s, const void *obj);
// t is done: unlinked from the list (no longer current); the caller owns it.
void stress_sched_exit(stress_sched_t *s, sched_thread_t *t);
// Live (not exited) threads.
uint32_t stress_sched_live(const stress_sched_t *s);

#endif // PVM_STRESS_SCHED_H
