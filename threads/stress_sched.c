/*
 * threads/stress_sched.c — the seeded scheduler's state machine (see
 * threads/stress_sched.h).  Pure: the caller serializes every call.
 */
#include "stress_sched.h"

#include "stress.h"

uint64_t stress_mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t stress_rand(uint64_t *state) {
    uint64_t x = *state;
    if (x == 0) x = 0x2545f4914f6cdd1dULL;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

void stress_sched_init(stress_sched_t *s, uint64_t seed) {
    *s = (stress_sched_t){0};
    s->seed = seed;
    s->rng = stress_mix(seed ^ 0x5eed5eed5eedULL) | 1;
}

void stress_sched_add(stress_sched_t *s, sched_thread_t *t) {
    t->index = s->count++;
    t->state = SCHED_RUNNABLE;
    t->wait_obj = NULL;
    t->deadline = SCHED_NO_DEADLINE;
    t->timed_out = false;
    t->noswitch = 0;
    t->after_store = false;
    t->rng = stress_mix(s->seed * 0x100000001b3ULL + t->index) | 1;
    t->next = NULL;
    if (s->tail)
        s->tail->next = t;
    else
        s->head = t;
    s->tail = t;
}

// Out of 1024: how often a point of each kind switches (serial mode).  The
// boundaries around shared loads and stores switch often enough that a
// read-modify-write of a few instructions is split within a few seeds;
// lock operations and thread starts switch more often still.
static const uint32_t switch_weight[] = {
    [STRESS_KIND_NONE] = 0,   [STRESS_KIND_LIGHT] = 16,  [STRESS_KIND_HEAVY] = 96,
    [STRESS_KIND_SYNC] = 256, [STRESS_KIND_START] = 512,
};

bool stress_sched_should_switch(stress_sched_t *s, int kind) {
    if (kind <= 0 || kind > STRESS_KIND_START) return false;
    return (stress_rand(&s->rng) >> 40) % 1024 < switch_weight[kind];
}

uint32_t stress_sched_live(const stress_sched_t *s) {
    uint32_t n = 0;
    for (sched_thread_t *t = s->head; t; t = t->next)
        n += t->state != SCHED_EXITED;
    return n;
}

// Wakes the waiters whose deadline virtual time has reached; returns the
// number of RUNNABLE threads after that.
static uint32_t expire(stress_sched_t *s) {
    uint32_t n = 0;
    for (sched_thread_t *t = s->head; t; t = t->next) {
        if (t->state == SCHED_WAITING && t->deadline <= s->vnow) {
            t->state = SCHED_RUNNABLE;
            t->timed_out = true;
            t->wait_obj = NULL;
            t->deadline = SCHED_NO_DEADLINE;
        }
        n += t->state == SCHED_RUNNABLE;
    }
    return n;
}

void stress_sched_delay(stress_sched_t *s) {
    // 1 us .. 8 ms, each power of two as likely: short preemptions are as
    // common as long ones, so timing assumptions of any scale break.
    s->vnow += (uint64_t)1000 << ((stress_rand(&s->rng) >> 33) % 14);
}

sched_thread_t *stress_sched_pick(stress_sched_t *s) {
    uint32_t n = expire(s);
    if (n == 0) {
        // Nothing runnable: jump to the earliest deadline.
        uint64_t earliest = SCHED_NO_DEADLINE;
        for (sched_thread_t *t = s->head; t; t = t->next)
            if (t->state == SCHED_WAITING && t->deadline < earliest) earliest = t->deadline;
        if (earliest == SCHED_NO_DEADLINE) return NULL;
        if (earliest > s->vnow) s->vnow = earliest;
        n = expire(s);
    }
    uint32_t k = (uint32_t)((stress_rand(&s->rng) >> 33) % n);
    for (sched_thread_t *t = s->head; t; t = t->next) {
        if (t->state != SCHED_RUNNABLE) continue;
        if (k-- == 0) {
            if (t != s->current) {
                s->switches++;
                s->vnow += SCHED_SWITCH_STEP_NS;
            }
            return t;
        }
    }
    return NULL; // not reached
}

void stress_sched_block(stress_sched_t *s, sched_thread_t *t, const void *obj, uint64_t deadline) {
    (void)s;
    t->state = SCHED_WAITING;
    t->wait_obj = obj;
    t->deadline = deadline;
    t->timed_out = false;
}

int stress_sched_wake(stress_sched_t *s, const void *obj) {
    int n = 0;
    for (sched_thread_t *t = s->head; t; t = t->next) {
        if (t->state == SCHED_WAITING && obj != NULL && t->wait_obj == obj) {
            t->state = SCHED_RUNNABLE;
            t->wait_obj = NULL;
            t->deadline = SCHED_NO_DEADLINE;
            n++;
        }
    }
    return n;
}

void stress_sched_exit(stress_sched_t *s, sched_thread_t *t) {
    t->state = SCHED_EXITED;
    t->wait_obj = NULL;
    t->deadline = SCHED_NO_DEADLINE;
    // Unlinked (the caller frees it): a program that starts thousands of
    // threads keeps the pick loop short.
    sched_thread_t **pp = &s->head, *prev = NULL;
    while (*pp && *pp != t) {
        prev = *pp;
        pp = &(*pp)->next;
    }
    if (*pp == NULL) return;
    *pp = t->next;
    if (s->tail == t) s->tail = prev;
    t->next = NULL;
    if (s->current == t) s->current = NULL;
}
