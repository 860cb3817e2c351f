/*
 * tests/c/test_embed_api.c — the public embedding API (include/pvm.h) used
 * the way an embedder uses it: only pvm_* calls.  Values round trip
 * (None, bool, int, float, str, bytes, tuple, list, dict), imports,
 * attribute lookups, calls with positional and keyword arguments,
 * exceptions (type name, message, formatted traceback, clear, raise), and
 * many host threads attached at once calling one shared VM in parallel,
 * with handles made on one thread released on another.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pvm.h"

static const char *const program = "def add(a, b, scale=1):\n"
                                   "    return (a + b) * scale\n"
                                   "def fail(n):\n"
                                   "    raise ValueError('bad %d' % n)\n"
                                   "def describe(t, d):\n"
                                   "    return '%s|%s' % (type(t).__name__, sorted(d.items()))\n"
                                   "def work(i, s, b):\n"
                                   "    total = 0\n"
                                   "    for k in range(200):\n"
                                   "        total += k * i\n"
                                   "    return (total, s.upper(), b[::-1], {'i': i, 'f': i / 2})\n"
                                   "shared = {}\n";

static pvm_value *fn(const char *name) {
    pvm_value *f = pvm_lookup("__main__", name);
    assert_non_null(f);
    return f;
}

static int setup(void **state) {
    (void)state;
    char *argv[] = {"test_embed_api", NULL};
    if (pvm_initialize(1, argv) != 0) return -1;
    return pvm_run_string(program) == 0 ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    pvm_finalize();
    return 0;
}

static void test_scalars(void **state) {
    (void)state;
    int64_t i = 0;
    double d = 0;
    pvm_value *v = pvm_int(INT64_C(-1234567890123));
    assert_string_equal(pvm_type_name(v), "int");
    assert_true(pvm_is_int(v));
    assert_int_equal(pvm_as_int(v, &i), 0);
    assert_true(i == INT64_C(-1234567890123));
    pvm_release(v);

    v = pvm_float(2.5);
    assert_true(pvm_is_float(v));
    assert_int_equal(pvm_as_float(v, &d), 0);
    assert_true(d == 2.5);
    assert_int_equal(pvm_as_int(v, &i), -1); // a float is not an int
    char *t = pvm_err_type_name();
    assert_string_equal(t, "TypeError");
    pvm_free(t);
    pvm_err_clear();
    assert_false(pvm_err_occurred());
    pvm_release(v);

    v = pvm_none();
    assert_true(pvm_is_none(v));
    assert_int_equal(pvm_as_bool(v), 0);
    pvm_release(v);
    v = pvm_bool(7);
    assert_int_equal(pvm_as_bool(v), 1);
    assert_true(pvm_is_int(v));
    assert_string_equal(pvm_type_name(v), "bool");
    pvm_release(v);

    size_t n = 0;
    v = pvm_str("h\xc3\xa9llo");
    assert_true(pvm_is_str(v));
    assert_string_equal(pvm_as_str(v, &n), "h\xc3\xa9llo");
    assert_int_equal(n, 6);
    assert_int_equal(pvm_len(v), 5);
    char *r = pvm_repr(v);
    assert_string_equal(r, "'h\xc3\xa9llo'");
    pvm_free(r);
    pvm_release(v);

    assert_null(pvm_str("\xff"));
    t = pvm_err_type_name();
    assert_string_equal(t, "UnicodeDecodeError");
    pvm_free(t);
    pvm_err_clear();

    v = pvm_bytes("a\0b", 3);
    assert_true(pvm_is_bytes(v));
    const char *p = pvm_as_bytes(v, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(p, "a\0b", 3);
    assert_null(pvm_as_str(v, NULL));
    pvm_err_clear();
    pvm_release(v);

    // A big int: OverflowError.
    v = pvm_eval("2 ** 100");
    assert_int_equal(pvm_as_int(v, &i), -1);
    t = pvm_err_type_name();
    assert_string_equal(t, "OverflowError");
    pvm_free(t);
    pvm_err_clear();
    assert_int_equal(pvm_as_float(v, &d), 0);
    assert_true(d == 1267650600228229401496703205376.0);
    pvm_release(v);
}

static void test_containers(void **state) {
    (void)state;
    pvm_value *items[3] = {pvm_int(1), pvm_str("two"), pvm_none()};
    pvm_value *t = pvm_tuple(3, items);
    pvm_value *l = pvm_list(3, items);
    for (int k = 0; k < 3; k++)
        pvm_release(items[k]);
    assert_true(pvm_is_tuple(t));
    assert_true(pvm_is_list(l));
    assert_int_equal(pvm_len(t), 3);
    pvm_value *x = pvm_item(t, -2);
    assert_string_equal(pvm_as_str(x, NULL), "two");
    pvm_release(x);
    assert_null(pvm_item(l, 3));
    char *e = pvm_err_type_name();
    assert_string_equal(e, "IndexError");
    pvm_free(e);
    pvm_err_clear();

    pvm_value *d = pvm_dict();
    assert_int_equal(pvm_setitem_str(d, "b", t), 0);
    pvm_value *k = pvm_int(5), *v = pvm_float(0.5);
    assert_int_equal(pvm_setitem(d, k, v), 0);
    assert_int_equal(pvm_len(d), 2);
    pvm_value *got = pvm_getitem(d, k);
    double f = 0;
    assert_int_equal(pvm_as_float(got, &f), 0);
    assert_true(f == 0.5);
    pvm_release(got);
    assert_null(pvm_getitem_str(d, "missing"));
    assert_false(pvm_err_occurred());
    assert_int_equal(pvm_setitem(d, l, v), -1); // unhashable
    char *m = pvm_err_message();
    assert_string_equal(m, "unhashable type: 'list'");
    pvm_free(m);
    pvm_err_clear();

    pvm_value *describe = fn("describe");
    pvm_value *args[2] = {t, pvm_dict()};
    pvm_setitem_str(args[1], "x", k);
    pvm_value *r = pvm_call(describe, 2, args, NULL);
    assert_non_null(r);
    assert_string_equal(pvm_as_str(r, NULL), "tuple|[('x', 5)]");
    pvm_release(r);
    pvm_release(args[1]);
    pvm_release(describe);
    pvm_release(k);
    pvm_release(v);
    pvm_release(d);
    pvm_release(l);
    pvm_release(t);
}

static void test_calls_and_imports(void **state) {
    (void)state;
    pvm_value *add = fn("add");
    pvm_value *args[2] = {pvm_int(2), pvm_int(3)};
    pvm_value *kw = pvm_dict();
    pvm_value *scale = pvm_int(10);
    pvm_setitem_str(kw, "scale", scale);
    pvm_value *r = pvm_call(add, 2, args, kw);
    int64_t i = 0;
    assert_int_equal(pvm_as_int(r, &i), 0);
    assert_int_equal(i, 50);
    pvm_release(r);
    r = pvm_call(add, 2, args, NULL);
    assert_int_equal(pvm_as_int(r, &i), 0);
    assert_int_equal(i, 5);
    pvm_release(r);
    // Wrong arity: TypeError with CPython's message.
    assert_null(pvm_call(add, 1, args, NULL));
    char *m = pvm_err_message();
    assert_string_equal(m, "add() missing 1 required positional argument: 'b'");
    pvm_free(m);
    pvm_err_clear();

    pvm_value *json = pvm_import("json");
    assert_non_null(json);
    pvm_value *dumps = pvm_getattr(json, "dumps");
    pvm_value *lst = pvm_list(2, args);
    r = pvm_call(dumps, 1, &lst, NULL);
    assert_string_equal(pvm_as_str(r, NULL), "[2, 3]");
    pvm_release(r);
    pvm_value *text = pvm_str("{\"a\": [1, 2.5]}");
    r = pvm_call_method(json, "loads", 1, &text);
    char *s = pvm_repr(r);
    assert_string_equal(s, "{'a': [1, 2.5]}");
    pvm_free(s);
    pvm_release(r);
    pvm_release(text);

    assert_null(pvm_import("no_such_module_xyz"));
    m = pvm_err_type_name();
    assert_string_equal(m, "ModuleNotFoundError");
    pvm_free(m);
    m = pvm_err_message();
    assert_string_equal(m, "No module named 'no_such_module_xyz'");
    pvm_free(m);
    pvm_err_clear();
    assert_null(pvm_getattr(json, "nope"));
    m = pvm_err_message();
    assert_string_equal(m, "module 'json' has no attribute 'nope'");
    pvm_free(m);
    pvm_err_clear();

    assert_int_equal(pvm_setattr(json, "embed_mark", scale), 0);
    r = pvm_eval("__import__('json').embed_mark + 1");
    assert_int_equal(pvm_as_int(r, &i), 0);
    assert_int_equal(i, 11);
    pvm_release(r);

    pvm_release(lst);
    pvm_release(dumps);
    pvm_release(json);
    pvm_release(scale);
    pvm_release(kw);
    pvm_release(args[0]);
    pvm_release(args[1]);
    pvm_release(add);
}

static void test_exceptions(void **state) {
    (void)state;
    pvm_value *fail = fn("fail");
    pvm_value *n = pvm_int(3);
    assert_null(pvm_call(fail, 1, &n, NULL));
    assert_true(pvm_err_occurred());
    char *t = pvm_err_type_name(), *m = pvm_err_message(), *tb = pvm_err_traceback();
    assert_string_equal(t, "ValueError");
    assert_string_equal(m, "bad 3");
    assert_non_null(strstr(tb, "Traceback (most recent call last):\n"));
    assert_non_null(strstr(tb, "in fail\n"));
    assert_non_null(strstr(tb, "ValueError: bad 3\n"));
    pvm_free(t);
    pvm_free(m);
    pvm_free(tb);
    assert_true(pvm_err_occurred()); // inspecting does not clear
    pvm_value *exc = pvm_err_fetch();
    assert_false(pvm_err_occurred());
    assert_string_equal(pvm_type_name(exc), "ValueError");
    pvm_release(exc);
    assert_null(pvm_err_type_name());
    assert_null(pvm_err_traceback());

    pvm_err_set("KeyError", "k");
    t = pvm_err_type_name();
    assert_string_equal(t, "KeyError");
    pvm_free(t);
    pvm_err_clear();
    pvm_err_set("NoSuchError", "x");
    m = pvm_err_message();
    assert_string_equal(m, "pvm_err_set: unknown exception type NoSuchError");
    pvm_free(m);
    pvm_err_clear();

    // A syntax error from pvm_eval.
    assert_null(pvm_eval("1 +"));
    t = pvm_err_type_name();
    assert_string_equal(t, "SyntaxError");
    pvm_free(t);
    pvm_err_clear();
    // pvm_run_string reports the exit status and leaves nothing pending.
    assert_int_equal(pvm_run_string("raise SystemExit(7)"), 7);
    assert_false(pvm_err_occurred());
    pvm_release(n);
    pvm_release(fail);
}

// ---- many host threads --------------------------------------------------------

#define NTHREADS 8
#define NITER    150

typedef struct {
    int id;
    pvm_value *work, *fail, *shared;
    pvm_value *handoff; // made by the main thread, released by this one
    int errors;
} worker_t;

static void *worker(void *arg) {
    worker_t *w = arg;
    if (pvm_thread_attach() != 0) {
        w->errors++;
        return NULL;
    }
    // Nested attach is counted.
    pvm_thread_attach();
    pvm_thread_detach();
    char sbuf[32];
    for (int it = 0; it < NITER; it++) {
        int i = w->id * 1000 + it;
        snprintf(sbuf, sizeof sbuf, "w%d-%d", w->id, it);
        pvm_value *args[3] = {pvm_int(i), pvm_str(sbuf), pvm_bytes("xyz", 3)};
        pvm_value *r = pvm_call(w->work, 3, args, NULL);
        int64_t total = -1;
        pvm_value *x0 = pvm_item(r, 0), *x1 = pvm_item(r, 1), *x2 = pvm_item(r, 2),
                  *x3 = pvm_item(r, 3);
        if (r == NULL || pvm_as_int(x0, &total) != 0 || total != (int64_t)i * 19900) w->errors++;
        for (char *c = sbuf; *c; c++)
            if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 32);
        const char *up = pvm_as_str(x1, NULL);
        if (up == NULL || strcmp(up, sbuf) != 0) w->errors++;
        size_t bn = 0;
        const char *bp = pvm_as_bytes(x2, &bn);
        if (bp == NULL || bn != 3 || memcmp(bp, "zyx", 3) != 0) w->errors++;
        pvm_value *fv = pvm_getitem_str(x3, "f");
        double f = 0;
        if (pvm_as_float(fv, &f) != 0 || f != i / 2.0) w->errors++;
        // Every thread writes the shared dict (its lock serializes them).
        pvm_setitem(w->shared, args[1], args[0]);
        if (it % 10 == 0) {
            pvm_value *e = pvm_call(w->fail, 1, args, NULL);
            char *m = pvm_err_message(), *tb = pvm_err_traceback();
            char want[40];
            snprintf(want, sizeof want, "bad %d", i);
            if (e != NULL || m == NULL || strcmp(m, want) != 0 || tb == NULL ||
                strstr(tb, want) == NULL)
                w->errors++;
            pvm_free(m);
            pvm_free(tb);
            pvm_err_clear();
        }
        if (pvm_err_occurred()) {
            w->errors++;
            pvm_err_clear();
        }
        pvm_release(fv);
        pvm_release(x0);
        pvm_release(x1);
        pvm_release(x2);
        pvm_release(x3);
        pvm_release(r);
        for (int k = 0; k < 3; k++)
            pvm_release(args[k]);
    }
    // The handle another thread made: read it and release it here.
    const char *s = pvm_as_str(w->handoff, NULL);
    if (s == NULL || strncmp(s, "handoff", 7) != 0) w->errors++;
    pvm_release(w->handoff);
    pvm_thread_detach();
    return NULL;
}

static void test_threads(void **state) {
    (void)state;
    pvm_value *work = fn("work"), *fail = fn("fail"), *shared = fn("shared");
    pthread_t th[NTHREADS];
    worker_t ws[NTHREADS];
    for (int k = 0; k < NTHREADS; k++) {
        char buf[32];
        snprintf(buf, sizeof buf, "handoff %d", k);
        ws[k] = (worker_t){k, work, fail, shared, pvm_str(buf), 0};
        assert_int_equal(pthread_create(&th[k], NULL, worker, &ws[k]), 0);
    }
    // The main thread keeps calling in meanwhile (it is outside the VM
    // between calls, so nothing waits for it).
    for (int it = 0; it < 50; it++) {
        pvm_value *r = pvm_eval("sum(range(1000))");
        int64_t v = 0;
        assert_int_equal(pvm_as_int(r, &v), 0);
        assert_int_equal(v, 499500);
        pvm_release(r);
    }
    for (int k = 0; k < NTHREADS; k++) {
        assert_int_equal(pthread_join(th[k], NULL), 0);
        assert_int_equal(ws[k].errors, 0);
    }
    assert_int_equal(pvm_len(shared), NTHREADS * NITER);
    pvm_release(shared);
    pvm_release(fail);
    pvm_release(work);
}

// A host thread attached to the VM but blocked in C between calls (like a
// server thread in accept()) must not hold up a stop-the-world pause: the
// API parks it between calls.  Without parking the pause below never ends.
static pthread_mutex_t park_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t park_cond = PTHREAD_COND_INITIALIZER;
static int park_state; // 1: the thread is attached and waiting; 2: go on

static void *parked_thread(void *arg) {
    (void)arg;
    if (pvm_thread_attach() != 0) return (void *)1;
    pvm_value *v = pvm_int(41); // inside the VM once, then outside
    pthread_mutex_lock(&park_lock);
    park_state = 1;
    pthread_cond_broadcast(&park_cond);
    while (park_state != 2)
        pthread_cond_wait(&park_cond, &park_lock);
    pthread_mutex_unlock(&park_lock);
    int64_t x = 0;
    int bad = pvm_as_int(v, &x) != 0 || x != 41;
    pvm_release(v);
    pvm_thread_detach();
    return (void *)(intptr_t)bad;
}

static void test_parked_thread_does_not_block_pauses(void **state) {
    (void)state;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, parked_thread, NULL), 0);
    pthread_mutex_lock(&park_lock);
    while (park_state != 1)
        pthread_cond_wait(&park_cond, &park_lock);
    pthread_mutex_unlock(&park_lock);
    // Two stop-the-world pauses (an explicit one, and a __class__ change)
    // while the other thread is attached and blocked outside the VM.
    pvm_value *r = pvm_eval("__import__('_pvm').stop_the_world([], 1)[0] >= 0");
    assert_int_equal(pvm_as_bool(r), 1);
    pvm_release(r);
    assert_int_equal(pvm_run_string("class A: pass\n"
                                    "class B: pass\n"
                                    "a = A()\n"
                                    "a.__class__ = B\n"
                                    "assert type(a) is B\n"),
                     0);
    pthread_mutex_lock(&park_lock);
    park_state = 2;
    pthread_cond_broadcast(&park_cond);
    pthread_mutex_unlock(&park_lock);
    void *res = (void *)1;
    pthread_join(t, &res);
    assert_null(res);
}

static void *unattached(void *arg) {
    (void)arg;
    // No thread state: calls fail without touching the VM.
    if (pvm_int(1) != NULL || pvm_lookup("__main__", "add") != NULL || pvm_err_occurred())
        return (void *)1;
    return NULL;
}

static void test_unattached_thread(void **state) {
    (void)state;
    pthread_t t;
    void *res = (void *)2;
    assert_int_equal(pthread_create(&t, NULL, unattached, NULL), 0);
    pthread_join(t, &res);
    assert_null(res);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_containers),
        cmocka_unit_test(test_calls_and_imports),
        cmocka_unit_test(test_exceptions),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_parked_thread_does_not_block_pauses),
        cmocka_unit_test(test_unattached_thread),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
