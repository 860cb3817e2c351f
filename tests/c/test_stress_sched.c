/*
 * tests/c/test_stress_sched.c — the seeded scheduler of stress mode
 * (threads/stress_sched.c) as a state machine: seeding, picks, blocking
 * on locks and deadlines, virtual time, deadlock detection, exits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "threads/stress.h"
#include "threads/stress_sched.h"

#define NT 4

typedef struct {
    stress_sched_t s;
    sched_thread_t t[NT];
} fixture_t;

static void setup_n(fixture_t *f, uint64_t seed, int n) {
    memset(f, 0, sizeof *f);
    stress_sched_init(&f->s, seed);
    for (int i = 0; i < n; i++)
        stress_sched_add(&f->s, &f->t[i]);
    f->s.current = &f->t[0];
}

static void test_add_numbers_threads_in_creation_order(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 7, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(f.t[i].index, i);
        assert_int_equal(f.t[i].state, SCHED_RUNNABLE);
    }
    assert_int_equal(stress_sched_live(&f.s), 3);
    // A thread's stream depends on the seed and its index only.
    fixture_t g;
    setup_n(&g, 7, 3);
    for (int i = 0; i < 3; i++)
        assert_true(f.t[i].rng == g.t[i].rng);
    assert_true(f.t[0].rng != f.t[1].rng);
    setup_n(&g, 8, 3);
    assert_true(f.t[1].rng != g.t[1].rng);
}

// The same seed gives the same sequence of decisions and picks.
static void test_same_seed_same_decisions(void **state) {
    (void)state;
    fixture_t a, b;
    setup_n(&a, 42, 3);
    setup_n(&b, 42, 3);
    int differs_from_other_seed = 0;
    fixture_t c;
    setup_n(&c, 43, 3);
    for (int i = 0; i < 500; i++) {
        bool sa = stress_sched_should_switch(&a.s, STRESS_KIND_HEAVY);
        bool sb = stress_sched_should_switch(&b.s, STRESS_KIND_HEAVY);
        bool sc = stress_sched_should_switch(&c.s, STRESS_KIND_HEAVY);
        assert_int_equal(sa, sb);
        differs_from_other_seed += sa != sc;
        sched_thread_t *pa = stress_sched_pick(&a.s), *pb = stress_sched_pick(&b.s);
        assert_int_equal(pa->index, pb->index);
        a.s.current = pa;
        b.s.current = pb;
    }
    assert_true(differs_from_other_seed > 0);
    assert_true(a.s.vnow == b.s.vnow);
}

// Heavier kinds switch more often; NONE never.
static void test_switch_weights(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 1, 2);
    int n[STRESS_KIND_START + 1] = {0};
    for (int k = STRESS_KIND_NONE; k <= STRESS_KIND_START; k++)
        for (int i = 0; i < 20000; i++)
            n[k] += stress_sched_should_switch(&f.s, k);
    assert_int_equal(n[STRESS_KIND_NONE], 0);
    assert_true(n[STRESS_KIND_LIGHT] > 0);
    assert_true(n[STRESS_KIND_LIGHT] < n[STRESS_KIND_HEAVY]);
    assert_true(n[STRESS_KIND_HEAVY] < n[STRESS_KIND_SYNC]);
    assert_true(n[STRESS_KIND_SYNC] < n[STRESS_KIND_START]);
    assert_false(stress_sched_should_switch(&f.s, 99));
}

// Picks are uniform enough that every runnable thread gets the token, and
// a waiting thread never does.
static void test_pick_only_runnable(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 3, 4);
    int lock;
    stress_sched_block(&f.s, &f.t[2], &lock, SCHED_NO_DEADLINE);
    int seen[NT] = {0};
    for (int i = 0; i < 400; i++) {
        sched_thread_t *t = stress_sched_pick(&f.s);
        assert_non_null(t);
        assert_int_not_equal(t->index, 2);
        seen[t->index]++;
    }
    assert_true(seen[0] > 50 && seen[1] > 50 && seen[3] > 50);
}

// A release wakes the waiters of that lock only.
static void test_wake_by_lock(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 5, 3);
    int l1, l2;
    stress_sched_block(&f.s, &f.t[1], &l1, SCHED_NO_DEADLINE);
    stress_sched_block(&f.s, &f.t[2], &l2, SCHED_NO_DEADLINE);
    assert_int_equal(stress_sched_wake(&f.s, &l2), 1);
    assert_int_equal(f.t[2].state, SCHED_RUNNABLE);
    assert_false(f.t[2].timed_out);
    assert_int_equal(f.t[1].state, SCHED_WAITING);
    assert_int_equal(stress_sched_wake(&f.s, &l2), 0);
    assert_int_equal(stress_sched_wake(&f.s, NULL), 0);
    assert_int_equal(stress_sched_wake(&f.s, &l1), 1);
}

// Nothing runnable: virtual time jumps to the earliest deadline and wakes
// exactly the threads whose deadline it reached, marked timed out.
static void test_virtual_time_jumps_to_deadline(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 9, 3);
    int lock;
    f.s.vnow = 1000;
    stress_sched_block(&f.s, &f.t[0], &lock, SCHED_NO_DEADLINE);
    stress_sched_block(&f.s, &f.t[1], NULL, 5000000);  // sleep
    stress_sched_block(&f.s, &f.t[2], &lock, 9000000); // timed acquire
    sched_thread_t *t = stress_sched_pick(&f.s);
    assert_ptr_equal(t, &f.t[1]);
    assert_true(t->timed_out);
    assert_true(f.s.vnow >= 5000000 && f.s.vnow < 9000000);
    assert_int_equal(f.t[2].state, SCHED_WAITING);
    // Then the next deadline.
    stress_sched_block(&f.s, &f.t[1], NULL, SCHED_NO_DEADLINE);
    f.t[1].wait_obj = &lock;
    t = stress_sched_pick(&f.s);
    assert_ptr_equal(t, &f.t[2]);
    assert_true(f.s.vnow >= 9000000);
    // A release before the deadline is not a timeout.
    stress_sched_block(&f.s, &f.t[2], &lock, f.s.vnow + 100);
    stress_sched_wake(&f.s, &lock);
    assert_false(f.t[2].timed_out);
}

// Every live thread waiting for a lock, none with a deadline: deadlock.
static void test_deadlock_is_null_pick(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 11, 2);
    int a, b;
    stress_sched_block(&f.s, &f.t[0], &a, SCHED_NO_DEADLINE);
    stress_sched_block(&f.s, &f.t[1], &b, SCHED_NO_DEADLINE);
    uint64_t before = f.s.vnow;
    assert_null(stress_sched_pick(&f.s));
    assert_true(f.s.vnow == before);
}

// Exited threads leave the list and are never picked; the last exit
// leaves nothing to pick.
static void test_exit_unlinks(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 13, 3);
    stress_sched_exit(&f.s, &f.t[1]);
    assert_int_equal(stress_sched_live(&f.s), 2);
    for (int i = 0; i < 100; i++)
        assert_int_not_equal(stress_sched_pick(&f.s)->index, 1);
    stress_sched_exit(&f.s, &f.t[0]);
    assert_null(f.s.current);
    stress_sched_exit(&f.s, &f.t[2]);
    assert_null(f.s.head);
    assert_null(f.s.tail);
    assert_null(stress_sched_pick(&f.s));
    // Indices keep counting: a later thread is not confused with an old one.
    sched_thread_t t;
    stress_sched_add(&f.s, &t);
    assert_int_equal(t.index, 3);
}

// A switch to another thread costs a little virtual time; staying does not.
static void test_switch_advances_time(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 17, 1);
    for (int i = 0; i < 10; i++)
        assert_ptr_equal(stress_sched_pick(&f.s), &f.t[0]);
    assert_true(f.s.vnow == 0);
    assert_true(f.s.switches == 0);
    sched_thread_t t;
    stress_sched_add(&f.s, &t);
    uint64_t sw = 0;
    for (int i = 0; i < 50; i++) {
        sched_thread_t *p = stress_sched_pick(&f.s);
        if (p != f.s.current) sw++;
        f.s.current = p;
    }
    assert_true(sw > 0);
    assert_true(f.s.switches == sw);
    assert_true(f.s.vnow == sw * SCHED_SWITCH_STEP_NS);
}

// A delay (a preemption in virtual time) lets a sleeper's deadline pass
// while other threads are still runnable: the next pick wakes it.
static void test_delay_expires_sleepers(void **state) {
    (void)state;
    fixture_t f;
    setup_n(&f, 19, 2);
    stress_sched_block(&f.s, &f.t[1], NULL, 20000);
    uint64_t before = f.s.vnow;
    while (f.s.vnow < 20000) {
        stress_sched_delay(&f.s);
        assert_true(f.s.vnow > before);
        assert_true(f.s.vnow - before <= 8192000);
        before = f.s.vnow;
    }
    assert_int_equal(f.t[1].state, SCHED_WAITING);
    bool picked_sleeper = false;
    for (int i = 0; i < 50 && !picked_sleeper; i++)
        picked_sleeper = stress_sched_pick(&f.s) == &f.t[1];
    assert_true(picked_sleeper);
    assert_true(f.t[1].timed_out);
    assert_int_equal(f.t[0].state, SCHED_RUNNABLE);
}

static void test_rand_never_sticks(void **state) {
    (void)state;
    uint64_t s = 0; // a zero state is replaced, not a fixed point
    uint64_t a = stress_rand(&s), b = stress_rand(&s);
    assert_true(s != 0);
    assert_true(a != b);
    assert_true(stress_mix(1) != stress_mix(2));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_numbers_threads_in_creation_order),
        cmocka_unit_test(test_same_seed_same_decisions),
        cmocka_unit_test(test_switch_weights),
        cmocka_unit_test(test_pick_only_runnable),
        cmocka_unit_test(test_wake_by_lock),
        cmocka_unit_test(test_virtual_time_jumps_to_deadline),
        cmocka_unit_test(test_deadlock_is_null_pick),
        cmocka_unit_test(test_exit_unlinks),
        cmocka_unit_test(test_switch_advances_time),
        cmocka_unit_test(test_delay_expires_sleepers),
        cmocka_unit_test(test_rand_never_sticks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
