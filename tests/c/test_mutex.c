/*
 * tests/c/test_mutex.c — the one-byte object mutex, the parking lot and
 * critical sections (threads/).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/runtime.h"
#include "objects/list.h"
#include "threads/critical.h"
#include "threads/mutex.h"
#include "puppet.h"

// ---- mutex -----------------------------------------------------------------------------

static void test_uncontended_lock_unlock(void **state) {
    _Atomic uint8_t m = 0;
    mutex_lock(&m);
    assert_int_equal(atomic_load(&m), MUTEX_LOCKED);
    assert_false(mutex_trylock(&m));
    mutex_unlock(&m);
    assert_int_equal(atomic_load(&m), 0);
    assert_true(mutex_trylock(&m));
    mutex_unlock(&m);
}

#define COUNTER_THREADS 4
#define COUNTER_ROUNDS  100000
static _Atomic uint8_t counter_mutex;
static long counter; // protected by counter_mutex

static void *count_up(void *arg) {
    for (int i = 0; i < COUNTER_ROUNDS; i++) {
        mutex_lock(&counter_mutex);
        counter++;
        mutex_unlock(&counter_mutex);
    }
    return NULL;
}

static void test_contended_counter(void **state) {
    pthread_t t[COUNTER_THREADS];
    counter = 0;
    for (int i = 0; i < COUNTER_THREADS; i++)
        pthread_create(&t[i], NULL, count_up, NULL);
    for (int i = 0; i < COUNTER_THREADS; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(counter, (long)COUNTER_THREADS * COUNTER_ROUNDS);
    assert_int_equal(atomic_load(&counter_mutex), 0);
}

// ---- parking lot ---------------------------------------------------------------------

static void test_park_returns_again_when_value_changed(void **state) {
    _Atomic uint8_t v = 1;
    assert_int_equal(parking_park(&v, 0, -1), PARK_AGAIN);
}

static void test_park_times_out(void **state) {
    _Atomic uint8_t v = 7;
    uint64_t t0 = monotonic_ns();
    assert_int_equal(parking_park(&v, 7, 20 * 1000 * 1000), PARK_TIMEOUT);
    assert_true(monotonic_ns() - t0 >= 15 * 1000 * 1000);
}

static _Atomic uint8_t park_word;
static _Atomic int parked_result = -1;

static void *parker(void *arg) {
    atomic_store(&parked_result, parking_park(&park_word, 5, -1));
    return NULL;
}

static bool decide_handoff(_Atomic uint8_t *addr, bool found, int64_t waited, bool more) {
    return found;
}

static void test_unpark_wakes_and_hands_off(void **state) {
    atomic_store(&park_word, 5);
    atomic_store(&parked_result, -1);
    pthread_t t;
    pthread_create(&t, NULL, parker, NULL);
    // Wait until it is asleep: unpark_all reports it once enqueued.
    while (atomic_load(&parked_result) == -1) {
        usleep(1000);
        parking_unpark_one(&park_word, decide_handoff);
    }
    pthread_join(t, NULL);
    assert_int_equal(atomic_load(&parked_result), PARK_HANDOFF);
}

// A waiter that has waited longer than MUTEX_HANDOFF_NS receives the lock
// directly from the unlocker.
static _Atomic uint8_t fair_mutex;
static _Atomic int fair_got;

static void *fair_waiter(void *arg) {
    mutex_lock(&fair_mutex);
    atomic_store(&fair_got, 1);
    mutex_unlock(&fair_mutex);
    return NULL;
}

static void test_long_waiter_gets_handoff(void **state) {
    atomic_store(&fair_got, 0);
    mutex_lock(&fair_mutex);
    pthread_t t;
    pthread_create(&t, NULL, fair_waiter, NULL);
    // Let it spin, give up and park.
    while (!(atomic_load(&fair_mutex) & MUTEX_HAS_PARKED))
        usleep(100);
    usleep(5000); // > MUTEX_HANDOFF_NS
    mutex_unlock(&fair_mutex);
    // Handed over: the mutex stays locked on the waiter's behalf, so an
    // immediate trylock by us must fail unless the waiter already finished.
    bool stolen = mutex_trylock(&fair_mutex);
    if (stolen) {
        assert_int_equal(atomic_load(&fair_got), 1);
        mutex_unlock(&fair_mutex);
    }
    pthread_join(t, NULL);
    assert_int_equal(atomic_load(&fair_got), 1);
    assert_int_equal(atomic_load(&fair_mutex), 0);
}

// ---- critical sections --------------------------------------------------------------

static void test_nested_sections_same_object(void **state) {
    obj_t *l = list_new(0);
    BEGIN_CRITICAL_SECTION(l);
    assert_true(mutex_is_locked(&l->ob_mutex));
    BEGIN_CRITICAL_SECTION(l);
    assert_true(mutex_is_locked(&l->ob_mutex));
    END_CRITICAL_SECTION();
    assert_true(mutex_is_locked(&l->ob_mutex));
    END_CRITICAL_SECTION();
    assert_false(mutex_is_locked(&l->ob_mutex));
    DECREF(l);
}

// The inner section of a nested pair on one object hands the lock back to
// the outer one at its end, never releasing it: a thread that keeps trying
// to take the mutex must never get it while the outer section is open.
static _Atomic int nested_inside, nested_stop, nested_violations;
static obj_t *nested_obj;

static void *nested_intruder(void *arg) {
    (void)arg;
    while (!atomic_load(&nested_stop)) {
        if (mutex_trylock(&nested_obj->ob_mutex)) {
            if (atomic_load(&nested_inside)) atomic_fetch_add(&nested_violations, 1);
            mutex_unlock(&nested_obj->ob_mutex);
        }
    }
    return NULL;
}

static void test_nested_exit_never_releases(void **state) {
    nested_obj = list_new(0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, nested_intruder, NULL), 0);
    for (int i = 0; i < 200000; i++) {
        BEGIN_CRITICAL_SECTION(nested_obj);
        atomic_store(&nested_inside, 1);
        BEGIN_CRITICAL_SECTION(nested_obj);
        END_CRITICAL_SECTION();
        for (int k = 0; k < 20; k++)
            atomic_signal_fence(memory_order_seq_cst); // a window for the intruder
        atomic_store(&nested_inside, 0);
        END_CRITICAL_SECTION();
    }
    atomic_store(&nested_stop, 1);
    pthread_join(t, NULL);
    assert_int_equal(atomic_load(&nested_violations), 0);
    DECREF(nested_obj);
}

static void test_two_object_section_locks_both(void **state) {
    obj_t *a = list_new(0), *b = list_new(0);
    BEGIN_CRITICAL_SECTION2(b, a);
    assert_true(mutex_is_locked(&a->ob_mutex));
    assert_true(mutex_is_locked(&b->ob_mutex));
    BEGIN_CRITICAL_SECTION(a); // overlapping inner section
    assert_true(mutex_is_locked(&a->ob_mutex));
    END_CRITICAL_SECTION();
    assert_true(mutex_is_locked(&a->ob_mutex));
    assert_true(mutex_is_locked(&b->ob_mutex));
    END_CRITICAL_SECTION();
    assert_false(mutex_is_locked(&a->ob_mutex));
    assert_false(mutex_is_locked(&b->ob_mutex));
    DECREF(a);
    DECREF(b);
}

static obj_t *cs_obj;
static void step_try_lock(void *res) {
    bool ok = mutex_trylock(&cs_obj->ob_mutex);
    if (ok) mutex_unlock(&cs_obj->ob_mutex);
    *(bool *)res = ok;
}

// Blocking inside a critical section releases it; it is taken again after.
static void test_blocking_releases_sections(void **state) {
    puppet_t p;
    puppet_start(&p);
    cs_obj = list_new(0);
    bool ok = true;
    BEGIN_CRITICAL_SECTION(cs_obj);
    puppet_do(&p, step_try_lock, &ok);
    assert_false(ok);
    thread_block_begin();
    puppet_do(&p, step_try_lock, &ok);
    assert_true(ok);
    thread_block_end();
    assert_true(mutex_is_locked(&cs_obj->ob_mutex));
    puppet_do(&p, step_try_lock, &ok);
    assert_false(ok);
    END_CRITICAL_SECTION();
    puppet_do(&p, step_try_lock, &ok);
    assert_true(ok);
    puppet_stop(&p);
    DECREF(cs_obj);
}

// Two threads take sections on (a, then b) and (b, then a) nested in
// opposite orders many times: the suspend-on-contention rule must prevent
// a deadlock.
static obj_t *dl_a, *dl_b;
static _Atomic long dl_count;

static void *opposite_order(void *arg) {
    thread_attach();
    bool flip = arg != NULL;
    for (int i = 0; i < 20000; i++) {
        obj_t *x = flip ? dl_b : dl_a, *y = flip ? dl_a : dl_b;
        BEGIN_CRITICAL_SECTION(x);
        BEGIN_CRITICAL_SECTION(y);
        atomic_fetch_add(&dl_count, 1);
        END_CRITICAL_SECTION();
        END_CRITICAL_SECTION();
    }
    thread_detach();
    return NULL;
}

static void test_opposite_nesting_does_not_deadlock(void **state) {
    dl_a = list_new(0);
    dl_b = list_new(0);
    dl_count = 0;
    pthread_t t1, t2;
    pthread_create(&t1, NULL, opposite_order, NULL);
    pthread_create(&t2, NULL, opposite_order, (void *)1);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert_int_equal(atomic_load(&dl_count), 40000);
    assert_false(mutex_is_locked(&dl_a->ob_mutex));
    assert_false(mutex_is_locked(&dl_b->ob_mutex));
    DECREF(dl_a);
    DECREF(dl_b);
}

int main(void) {
    if (runtime_init(0, NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uncontended_lock_unlock),
        cmocka_unit_test(test_contended_counter),
        cmocka_unit_test(test_park_returns_again_when_value_changed),
        cmocka_unit_test(test_park_times_out),
        cmocka_unit_test(test_unpark_wakes_and_hands_off),
        cmocka_unit_test(test_long_waiter_gets_handoff),
        cmocka_unit_test(test_nested_sections_same_object),
        cmocka_unit_test(test_nested_exit_never_releases),
        cmocka_unit_test(test_two_object_section_locks_both),
        cmocka_unit_test(test_blocking_releases_sections),
        cmocka_unit_test(test_opposite_nesting_does_not_deadlock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
