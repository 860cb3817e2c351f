/*
 * tests/c/test_hard_stop.c — thread_hard_stop (threads/thread.h): a host
 * ends Python code that catches KeyboardInterrupt in a loop, which an
 * ordinary interrupt cannot end.  A helper pthread requests the stop after
 * a short delay; the program must then return with KeyboardInterrupt, its
 * handlers skipped, and run normally again once the state is cleared.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/eval.h"
#include "core/runtime.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "threads/thread.h"

static int setup(void **state) {
    (void)state;
    static char *argv[] = {"test_hard_stop", NULL};
    return runtime_init(1, argv) < 0 ? -1 : 0;
}

static void *stop_later(void *arg) {
    usleep(50 * 1000);
    thread_hard_stop((thread_t *)arg);
    return NULL;
}

static obj_t *run(const char *src, obj_t *g) {
    return eval_source(src, strlen(src), "<test>", "exec", g, g);
}

static void test_stops_code_that_swallows_interrupts(void **state) {
    (void)state;
    obj_t *g = dict_new();
    assert_non_null(g);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, stop_later, thread_current()), 0);
    obj_t *r = run("caught = 0\n"
                   "while True:\n"
                   "    try:\n"
                   "        while True:\n"
                   "            pass\n"
                   "    except BaseException:\n"
                   "        caught += 1\n"
                   "    finally:\n"
                   "        caught += 100\n",
                   g);
    pthread_join(t, NULL);
    assert_null(r);
    assert_true(err_matches(exc_KeyboardInterrupt));
    err_clear();
    // The handlers never ran: the stop raised inside the inner loop and
    // skipped both the except and the finally block.
    obj_t *caught = dict_get_str(g, "caught");
    assert_non_null(caught);
    assert_true(caught == SMALLINT_FROM(0));
    DECREF(caught);
    // Still stopped: any code raises at its first check.
    assert_null(run("for i in range(10):\n    pass\n", g));
    err_clear();
    thread_hard_stop_clear(thread_current());
    obj_t *ok = run("x = 0\nfor i in range(1000):\n    x += i\n", g);
    assert_non_null(ok);
    DECREF(ok);
    obj_t *x = dict_get_str(g, "x");
    assert_true(x == SMALLINT_FROM(499500));
    DECREF(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stops_code_that_swallows_interrupts),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
