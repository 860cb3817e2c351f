/*
 * tests/c/test_stw.c — stop-the-world pauses (threads/stw.c): a running
 * thread parks at its eval breaker, a blocked thread cannot leave its
 * blocking region, a thread attaching during a pause waits, and
 * concurrent requesters are serialized without deadlock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>

#include "core/runtime.h"
#include "objects/exceptions.h"
#include "threads/stw.h"
#include "threads/thread.h"

static void sleep_ms(int ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

// Waits (blocked, so pauses are not held up) until *flag == value.
static void await_flag(_Atomic int *flag, int value) {
    thread_block_begin();
    while (atomic_load(flag) != value)
        sleep_ms(1);
    thread_block_end();
}

static int setup_once(void **state) {
    (void)state;
    if (thread_current() == NULL && thread_attach() == NULL) return -1;
    if (types_init() < 0 || exceptions_init() < 0) return -1;
    return 0;
}

static _Atomic long spins;
static _Atomic int quit, started;

static void *spinner(void *arg) {
    (void)arg;
    thread_t *ts = thread_attach();
    atomic_store(&started, 1);
    while (!atomic_load(&quit)) {
        atomic_fetch_add(&spins, 1);
        assert_int_equal(thread_handle_eval_breaker(ts), 0); // as the interpreter loop does
    }
    thread_detach();
    return NULL;
}

static void test_running_thread_parks(void **state) {
    (void)state;
    atomic_store(&quit, 0);
    atomic_store(&started, 0);
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    await_flag(&started, 1);
    for (int round = 0; round < 20; round++) {
        assert_int_equal(stw_stop_world(), 1);
        long before = atomic_load(&spins);
        sleep_ms(2);
        assert_int_equal(atomic_load(&spins), before); // parked: no progress
        stw_start_world();
        long resumed = atomic_load(&spins);
        thread_block_begin();
        while (atomic_load(&spins) == resumed)
            sleep_ms(1);
        thread_block_end();
    }
    atomic_store(&quit, 1);
    thread_block_begin();
    pthread_join(t, NULL);
    thread_block_end();
}

static _Atomic int go, passed;

static void *blocker(void *arg) {
    (void)arg;
    thread_attach();
    thread_block_begin(); // e.g. a lock wait
    atomic_store(&started, 1);
    while (!atomic_load(&go))
        sleep_ms(1);
    thread_block_end(); // must wait for the pause to end
    atomic_store(&passed, 1);
    thread_detach();
    return NULL;
}

static void test_blocked_thread_waits(void **state) {
    (void)state;
    atomic_store(&started, 0);
    atomic_store(&go, 0);
    atomic_store(&passed, 0);
    pthread_t t;
    pthread_create(&t, NULL, blocker, NULL);
    await_flag(&started, 1);
    assert_int_equal(stw_stop_world(), 1); // a blocked thread counts as stopped
    atomic_store(&go, 1);
    sleep_ms(20);
    assert_int_equal(atomic_load(&passed), 0);
    stw_start_world();
    await_flag(&passed, 1);
    thread_block_begin();
    pthread_join(t, NULL);
    thread_block_end();
}

static _Atomic int attached;

static void *late_attacher(void *arg) {
    (void)arg;
    thread_attach(); // returns only after the pause
    atomic_store(&attached, 1);
    thread_detach();
    return NULL;
}

static void test_attach_waits_for_pause(void **state) {
    (void)state;
    atomic_store(&attached, 0);
    assert_int_equal(stw_stop_world(), 0);
    pthread_t t;
    pthread_create(&t, NULL, late_attacher, NULL);
    sleep_ms(20);
    assert_int_equal(atomic_load(&attached), 0);
    stw_start_world();
    await_flag(&attached, 1);
    thread_block_begin();
    pthread_join(t, NULL);
    thread_block_end();
}

static _Atomic int in_pause, overlaps;

static void *requester(void *arg) {
    (void)arg;
    thread_t *ts = thread_attach();
    for (int i = 0; i < 200; i++) {
        stw_stop_world();
        if (atomic_fetch_add(&in_pause, 1) != 0) atomic_fetch_add(&overlaps, 1);
        atomic_fetch_sub(&in_pause, 1);
        stw_start_world();
        assert_int_equal(thread_handle_eval_breaker(ts), 0);
    }
    thread_detach();
    return NULL;
}

static void test_requesters_are_serialized(void **state) {
    (void)state;
    atomic_store(&overlaps, 0);
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, requester, NULL);
    thread_block_begin();
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    thread_block_end();
    assert_int_equal(atomic_load(&overlaps), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_running_thread_parks),
        cmocka_unit_test(test_blocked_thread_waits),
        cmocka_unit_test(test_attach_waits_for_pause),
        cmocka_unit_test(test_requesters_are_serialized),
    };
    return cmocka_run_group_tests(tests, setup_once, NULL);
}
