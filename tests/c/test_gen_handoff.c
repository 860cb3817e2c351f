/*
 * tests/c/test_gen_handoff.c — a generator suspended with register credits
 * (core/frame.h frame_suspend, objects/gen.c gen_claim): the suspending
 * thread may resume it at once; another thread waits until the suspender
 * has paid its credits (its credit epoch moved on), then resumes it.
 */
#include <semaphore.h>
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
#include "objects/gen.h"
#include "gc/qsbr.h"
#include "objects/object.h"
#include "puppet.h"

static puppet_t other;
static obj_t *g; // the namespace both threads run code in

static void run(const char *src) {
    obj_t *r = eval_source(src, strlen(src), "<test>", "exec", g, g);
    if (r == NULL) err_print();
    assert_non_null(r);
    DECREF(r);
}

static void run_step(void *src) {
    run((const char *)src);
}

// Runs src with no quiescent state in between (which would pay this
// thread's credits): compiled first, names bound already (no dict resize to
// retire), and every pending reclamation finished before it starts.
static void run_quiet(const char *src) {
    obj_t *code = compile_source(src, strlen(src), "<test>", "exec");
    assert_non_null(code);
    thread_t *ts = thread_current();
    qsbr_flush(ts);
    for (int i = 0; i < 5000; i++) {
        if (thread_handle_eval_breaker(ts) < 0) err_clear();
        if (qsbr_poll(ts) && atomic_load(&ts->eval_breaker) == 0) break;
        usleep(1000);
    }
    obj_t *r = eval_code(code, g, g);
    if (r == NULL) err_print();
    assert_non_null(r);
    DECREF(r);
    DECREF(code);
}

static int setup(void **state) {
    (void)state;
    static char *argv[] = {"test_gen_handoff", NULL};
    if (runtime_init(1, argv) < 0) return -1;
    g = dict_new();
    puppet_start(&other);
    // The items belong to the other thread: this thread's loads of them
    // are credits.
    puppet_do(&other, run_step, "shared = [[i] for i in range(8)]\n");
    // `x` stays in the frame as a credit; the yielded value is the item's
    // first element (a tagged int), so no copy of x leaves the frame.
    run("def walk(lst):\n"
        "    for x in lst:\n"
        "        yield x[0]\n"
        "it = it2 = first = second = third = None\n");
    return 0;
}

static gen_t *gen_named(const char *name) {
    obj_t *o = dict_get_str(g, name);
    assert_non_null(o);
    DECREF(o); // the namespace keeps it
    return (gen_t *)o;
}

static void test_suspender_resumes_without_waiting(void **state) {
    (void)state;
    run_quiet("it = walk(shared)\nfirst = next(it)\n");
    gen_t *it = gen_named("it");
    assert_true(thread_current()->ncredits > 0); // `x` in the suspended frame
    assert_int_equal(it->susp_tid, current_tid());
    run("second = next(it)\nassert first == 0 and second == 1\n");
    run("del it\n");
}

static void test_other_thread_waits_for_payment(void **state) {
    (void)state;
    run_quiet("it2 = walk(shared)\nfirst = next(it2)\n");
    gen_t *it = gen_named("it2");
    assert_int_equal(it->susp_tid, current_tid());
    uint64_t epoch = atomic_load(&thread_current()->credit_epoch);
    assert_int_equal(it->susp_epoch, epoch);
    // The other thread resumes it: it must wait for this thread.
    other.fn = run_step;
    other.arg = "second = next(it2)\n";
    sem_post(&other.go);
    usleep(100 * 1000);
    assert_int_equal(sem_trywait(&other.done), -1); // still waiting
    assert_true(thread_current()->ncredits > 0);
    thread_quiescent(); // pays every credit: the epoch moves on
    assert_int_equal(thread_current()->ncredits, 0);
    assert_true(atomic_load(&thread_current()->credit_epoch) != epoch);
    sem_wait(&other.done);
    run("assert first == 0 and second == 1, (first, second)\n");
    assert_int_equal(it->susp_tid, 0); // the other thread ran it without credits left here
    // And back: this thread resumes what the other suspended.
    run("third = next(it2)\nassert third == 2\ndel it2\n");
}

static void test_no_credits_no_record(void **state) {
    (void)state;
    thread_quiescent();
    run("def count(n):\n"
        "    for i in range(n):\n"
        "        yield i\n"
        "it3 = count(3)\n"
        "a = next(it3)\n");
    // Only tagged ints in the frame: nothing credited, nothing to wait for.
    gen_t *it = gen_named("it3");
    assert_int_equal(it->susp_tid, 0);
    puppet_do(&other, run_step, "b = next(it3)\nassert (a, b) == (0, 1)\n");
    run("del it3\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suspender_resumes_without_waiting),
        cmocka_unit_test(test_other_thread_waits_for_payment),
        cmocka_unit_test(test_no_credits_no_record),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
