/*
 * tests/c/test_list.c — unit tests for objects/list.c and objects/listsort.c:
 * append/insert/pop/remove, slice get/assign/delete (with steps and the size
 * mismatch error), repeat/concat, sort stability (with key and reverse),
 * large sorts against qsort, errors raised by comparisons, "list
 * modified during sort", and lock-free reads racing every kind of mutation
 * (run under TSan and ASan in CI).
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/runtime.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/method.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "threads/thread.h"

#define I(v) SMALLINT_FROM(v)

static int setup_once(void **state) {
    (void)state;
    if (thread_current() == NULL && thread_attach() == NULL) return -1;
    if (types_init() < 0 || exceptions_init() < 0) return -1;
    return 0;
}

static int64_t at(obj_t *l, ssize_t i) {
    obj_t *v = list_get(l, i);
    assert_non_null(v);
    assert_true(IS_SMALLINT(v));
    return SMALLINT_VALUE(v);
}

static obj_t *range_list(int64_t n) {
    obj_t *l = list_new(0);
    for (int64_t i = 0; i < n; i++)
        assert_int_equal(list_append(l, I(i)), 0);
    return l;
}

static void test_append_insert_pop(void **state) {
    (void)state;
    obj_t *l = range_list(100000);
    assert_int_equal(list_size(l), 100000);
    for (ssize_t i = 0; i < 100000; i += 997)
        assert_int_equal(at(l, i), i);
    assert_int_equal(at(l, -1), 99999);
    assert_null(list_get(l, 100000));
    assert_true(err_matches(exc_IndexError));
    err_clear();
    assert_int_equal(list_insert(l, 0, I(-1)), 0);
    assert_int_equal(list_insert(l, -1, I(-2)), 0);      // before the last item
    assert_int_equal(list_insert(l, 1000000, I(-3)), 0); // clamps to the end
    assert_int_equal(at(l, 0), -1);
    assert_int_equal(at(l, -2), 99999);
    assert_int_equal(at(l, -3), -2);
    assert_int_equal(at(l, -1), -3);
    // pop everything from the end (shrinks the array repeatedly)
    ssize_t n = list_size(l);
    for (ssize_t i = 0; i < n; i++) {
        obj_t *v = obj_call_method(l, "pop", NULL, 0);
        assert_non_null(v);
    }
    assert_int_equal(list_size(l), 0);
    assert_null(obj_call_method(l, "pop", NULL, 0));
    assert_true(err_matches(exc_IndexError));
    err_clear();
    DECREF(l);
}

static void test_set_remove_index(void **state) {
    (void)state;
    obj_t *l = range_list(10);
    assert_int_equal(list_set(l, -1, I(42)), 0);
    assert_int_equal(at(l, 9), 42);
    assert_int_equal(list_set(l, 10, I(0)), -1);
    assert_true(err_matches(exc_IndexError));
    err_clear();
    obj_t *arg = I(5);
    obj_t *r = obj_call_method(l, "remove", &arg, 1);
    assert_true(r == None);
    assert_int_equal(list_size(l), 9);
    assert_int_equal(at(l, 5), 6);
    assert_null(obj_call_method(l, "remove", &arg, 1));
    assert_true(err_matches(exc_ValueError));
    err_clear();
    arg = I(42);
    r = obj_call_method(l, "index", &arg, 1);
    assert_true(r == I(8));
    assert_int_equal(list_reverse(l), 0);
    assert_int_equal(at(l, 0), 42);
    assert_int_equal(at(l, 8), 0);
    DECREF(l);
}

static void test_slices(void **state) {
    (void)state;
    obj_t *l = range_list(10);
    // l[2:5] -> [2, 3, 4]
    obj_t *s = slice_new(I(2), I(5), NULL);
    obj_t *sub = obj_getitem(l, s);
    assert_int_equal(list_size(sub), 3);
    assert_int_equal(at(sub, 0), 2);
    DECREF(sub);
    // l[2:5] = [] deletes
    obj_t *empty = list_new(0);
    assert_int_equal(obj_setitem(l, s, empty), 0);
    assert_int_equal(list_size(l), 7);
    assert_int_equal(at(l, 2), 5);
    // l[2:2] = range(100) grows in the middle
    DECREF(s);
    s = slice_new(I(2), I(2), NULL);
    obj_t *r100 = range_new_i64(100, 200, 1);
    assert_int_equal(obj_setitem(l, s, r100), 0);
    assert_int_equal(list_size(l), 107);
    assert_int_equal(at(l, 2), 100);
    assert_int_equal(at(l, 101), 199);
    assert_int_equal(at(l, 102), 5);
    DECREF(r100);
    DECREF(s);
    // l[:] = l (self assignment)
    s = slice_new(NULL, NULL, NULL);
    assert_int_equal(obj_setitem(l, s, l), 0);
    assert_int_equal(list_size(l), 107);
    DECREF(s);
    // del l[::2]
    s = slice_new(NULL, NULL, I(2));
    assert_int_equal(obj_delitem(l, s), 0);
    assert_int_equal(list_size(l), 53);
    assert_int_equal(at(l, 0), 1);
    assert_int_equal(at(l, 1), 101);
    // extended assignment with the wrong size
    obj_t *three = list_from_array((obj_t *[]){I(1), I(2), I(3)}, 3);
    assert_int_equal(obj_setitem(l, s, three), -1);
    assert_true(err_matches(exc_ValueError));
    obj_t *msg = exc_str(err_peek());
    assert_string_equal(str_data(msg),
                        "attempt to assign sequence of size 3 to extended slice of size 27");
    DECREF(msg);
    err_clear();
    DECREF(s);
    // l[::-1] reversed copy, del l[::-3]
    s = slice_new(NULL, NULL, I(-1));
    sub = obj_getitem(l, s);
    assert_int_equal(at(sub, 0), at(l, -1));
    DECREF(sub);
    DECREF(s);
    s = slice_new(NULL, NULL, I(-3));
    assert_int_equal(obj_delitem(l, s), 0);
    assert_int_equal(list_size(l), 53 - 18);
    DECREF(s);
    // extended assign of the right size
    obj_t *small = range_list(6);
    s = slice_new(I(0), I(6), I(2));
    assert_int_equal(obj_setitem(small, s, three), 0);
    assert_int_equal(at(small, 0), 1);
    assert_int_equal(at(small, 2), 2);
    assert_int_equal(at(small, 4), 3);
    assert_int_equal(at(small, 5), 5);
    DECREF(s);
    DECREF(small);
    DECREF(three);
    DECREF(empty);
    DECREF(l);
}

static void test_concat_repeat_compare(void **state) {
    (void)state;
    obj_t *a = range_list(3), *b = range_list(4);
    obj_t *c = obj_binop(a, b, BINOP_ADD);
    assert_int_equal(list_size(c), 7);
    obj_t *d = obj_binop(a, I(3), BINOP_MUL);
    assert_int_equal(list_size(d), 9);
    assert_int_equal(at(d, 8), 2);
    obj_t *lt = obj_richcompare(a, b, CMP_LT_OP);
    assert_true(lt == True);
    DECREF(lt);
    assert_int_equal(obj_eq(a, b), 0);
    obj_t *r = obj_inplace_binop(a, b, BINOP_ADD);
    assert_true(r == a);
    DECREF(r);
    assert_int_equal(list_size(a), 7);
    assert_int_equal(obj_eq(a, c), 1);
    DECREF(a);
    DECREF(b);
    DECREF(c);
    DECREF(d);
}

// key function: item[0]
static obj_t *first_item(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return NEWREF(TUPLE_GET(args[0], 0));
}
static const method_def_t first_def = {"first", first_item, METH_STATIC, NULL};

static void test_sort_stability(void **state) {
    (void)state;
    const int64_t n = 5000;
    obj_t *l = list_new(0);
    srand(12345);
    for (int64_t i = 0; i < n; i++) {
        obj_t *t = tuple_pack(2, I(rand() % 50), I(i));
        assert_int_equal(list_append(l, t), 0);
        DECREF(t);
    }
    obj_t *key = cfunction_new(&first_def, NULL);
    assert_non_null(key);
    for (int rev = 0; rev < 2; rev++) {
        assert_int_equal(list_sort(l, key, rev), 0);
        for (ssize_t i = 1; i < n; i++) {
            obj_t *p = list_get(l, i - 1), *q = list_get(l, i);
            int64_t kp = SMALLINT_VALUE(TUPLE_GET(p, 0)), kq = SMALLINT_VALUE(TUPLE_GET(q, 0));
            if (rev)
                assert_true(kp >= kq);
            else
                assert_true(kp <= kq);
            if (kp == kq) // equal keys keep their original (index) order
                assert_true(SMALLINT_VALUE(TUPLE_GET(p, 1)) < SMALLINT_VALUE(TUPLE_GET(q, 1)));
            DECREF(p);
            DECREF(q);
        }
    }
    DECREF(key);
    DECREF(l);
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void check_sorted_against_qsort(int64_t *vals, size_t n) {
    obj_t *l = list_new(0);
    for (size_t i = 0; i < n; i++) {
        obj_t *v = int_from_i64(vals[i]);
        assert_int_equal(list_append(l, v), 0);
        DECREF(v);
    }
    assert_int_equal(list_sort(l, NULL, false), 0);
    qsort(vals, n, sizeof(int64_t), cmp_i64);
    for (size_t i = 0; i < n; i++) {
        obj_t *v = list_get(l, (ssize_t)i);
        int64_t x;
        assert_int_equal(int_as_i64(v, &x), 0);
        assert_true(x == vals[i]);
        DECREF(v);
    }
    DECREF(l);
}

static void test_large_sorts(void **state) {
    (void)state;
    const size_t n = 200000;
    int64_t *vals = malloc(n * sizeof(int64_t));
    srand(777);
    for (size_t i = 0; i < n; i++)
        vals[i] = ((int64_t)rand() << 20) ^ rand();
    check_sorted_against_qsort(vals, n); // random small ints
    check_sorted_against_qsort(vals, n); // already sorted
    for (size_t i = 0; i < n; i++)
        vals[i] = (int64_t)(n - i);
    check_sorted_against_qsort(vals, n); // descending
    for (size_t i = 0; i < n; i++)
        vals[i] = rand() % 7;
    check_sorted_against_qsort(vals, n); // many duplicates
    for (size_t i = 0; i < n; i++)
        vals[i] = (i % 1000 < 500) ? (int64_t)i : -(int64_t)i; // runs
    check_sorted_against_qsort(vals, n);
    for (size_t i = 0; i < 5000; i++)
        vals[i] = (rand() % 2 ? INT64_MAX - rand() : INT64_MIN + rand()); // big ints
    check_sorted_against_qsort(vals, 5000);
    free(vals);

    // strings
    obj_t *l = list_new(0);
    char buf[32];
    for (int i = 0; i < 20000; i++) {
        snprintf(buf, sizeof buf, "s%07d", (i * 7919) % 20000);
        obj_t *s = str_from_cstr(buf);
        assert_int_equal(list_append(l, s), 0);
        DECREF(s);
    }
    assert_int_equal(list_sort(l, NULL, true), 0);
    for (int i = 0; i < 20000; i++) {
        obj_t *s = list_get(l, i);
        snprintf(buf, sizeof buf, "s%07d", 19999 - i);
        assert_string_equal(str_data(s), buf);
        DECREF(s);
    }
    DECREF(l);
}

static void test_sort_errors(void **state) {
    (void)state;
    obj_t *l = range_list(100);
    obj_t *s = str_from_cstr("x");
    assert_int_equal(list_insert(l, 50, s), 0);
    assert_int_equal(list_sort(l, NULL, false), -1);
    assert_true(err_matches(exc_TypeError));
    err_clear();
    // every item is still there
    assert_int_equal(list_size(l), 101);
    int found = 0;
    int64_t sum = 0;
    for (ssize_t i = 0; i < 101; i++) {
        obj_t *v = list_get(l, i);
        if (v == s)
            found++;
        else
            sum += SMALLINT_VALUE(v);
        DECREF(v);
    }
    assert_int_equal(found, 1);
    assert_int_equal(sum, 4950);
    DECREF(s);
    DECREF(l);
}

static obj_t *victim;
static obj_t *appending_key(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (list_append(victim, I(0)) < 0) return NULL;
    return NEWREF(args[0]);
}
static const method_def_t appending_def = {"k", appending_key, METH_STATIC, NULL};

static void test_modified_during_sort(void **state) {
    (void)state;
    victim = range_list(10);
    obj_t *key = cfunction_new(&appending_def, NULL);
    assert_int_equal(list_sort(victim, key, false), -1);
    assert_true(err_matches(exc_ValueError));
    err_clear();
    assert_int_equal(list_size(victim), 10); // the appends were discarded
    for (ssize_t i = 0; i < 10; i++)
        assert_int_equal(at(victim, i), i);
    DECREF(key);
    DECREF(victim);
}

// ---- lock-free reads against mutations ---------------------------------------
//
// A writer thread mutates a shared list of freshly made strings (the list
// holds the only reference to each) with every kind of mutation, while two
// reader threads index it and iterate it without a lock.  Each string read
// must still be a live "item-N" string: a slot read from a retired array or
// an item released too early would show up as a wrong type or text (and as
// a use-after-free under ASan, a race under TSan).

enum { RACE_WRITES = 20000, RACE_READERS = 2 };
static obj_t *race_list;
static _Atomic int race_done;
static _Atomic int race_readers_reading; // readers that have read once: the writer waits for them

static obj_t *fresh_item(int k) {
    obj_t *s = str_from_format("item-%d", k);
    assert_non_null(s);
    return s;
}

static void check_item(obj_t *v) {
    assert_true(!IS_SMALLINT(v) && STR_CHECK(v));
    const char *text = str_data(v);
    assert_non_null(text);
    assert_true(strncmp(text, "item-", 5) == 0);
}

static void *race_writer(void *arg) {
    (void)arg;
    assert_non_null(thread_attach());
    // On a loaded machine the writer could otherwise finish before a
    // reader is scheduled at all, and the race would not be tested.
    while (atomic_load(&race_readers_reading) < RACE_READERS)
        sched_yield();
    unsigned seed = 12345;
    for (int k = 0; k < RACE_WRITES; k++) {
        seed = seed * 1103515245u + 12345u;
        ssize_t n = list_size(race_list);
        unsigned op = (seed >> 16) % 9;
        if (n < 16) op = 0;
        if (n > 400) op = 3;
        obj_t *s = fresh_item(k);
        switch (op) {
        case 0: assert_int_equal(list_append(race_list, s), 0); break;
        case 1: assert_int_equal(list_insert(race_list, 0, s), 0); break;
        case 2: assert_int_equal(list_set(race_list, (ssize_t)(seed % (unsigned)n), s), 0); break;
        case 3: assert_int_equal(obj_delitem(race_list, I(0)), 0); break;
        case 4: {
            obj_t *r = obj_call_method(race_list, "pop", NULL, 0);
            assert_non_null(r);
            check_item(r);
            DECREF(r);
            break;
        }
        case 5: assert_int_equal(list_reverse(race_list), 0); break;
        case 6:
            if (k % 64 == 0) assert_int_equal(list_sort(race_list, NULL, false), 0);
            break;
        case 7: {
            // a[1:3] = (s, s, s): grows by one, moving the tail.
            obj_t *t = tuple_pack(3, s, s, s);
            obj_t *sl = obj_getitem(race_list, I(0)); // a read on the writer side too
            check_item(sl);
            DECREF(sl);
            obj_t *args[2] = {I(1), I(3)};
            obj_t *slice = slice_new(args[0], args[1], None);
            assert_int_equal(obj_setitem(race_list, slice, t), 0);
            DECREF(slice);
            DECREF(t);
            break;
        }
        default:
            if (k % 500 == 0) { // shrink to a few items: the array is replaced
                obj_t *slice = slice_new(I(8), None, None);
                assert_int_equal(obj_delitem(race_list, slice), 0);
                DECREF(slice);
            }
            break;
        }
        DECREF(s);
        if (k % 64 == 0) thread_quiescent();
    }
    atomic_store(&race_done, 1);
    thread_detach();
    return NULL;
}

static void *race_reader(void *arg) {
    (void)arg;
    assert_non_null(thread_attach());
    size_t reads = 0;
    unsigned seed = 777;
    while (!atomic_load(&race_done)) {
        seed = seed * 1103515245u + 12345u;
        ssize_t n = list_size(race_list);
        obj_t *v = n > 0 ? list_get(race_list, (ssize_t)(seed % (unsigned)n)) : NULL;
        if (v) {
            check_item(v);
            DECREF(v);
            if (reads++ == 0) atomic_fetch_add(&race_readers_reading, 1);
        } else {
            err_clear(); // the list shrank between size and get: IndexError
        }
        if (reads % 256 == 0) {
            // A whole iteration, as a for loop does it.
            obj_t *it = obj_iter(race_list);
            assert_non_null(it);
            obj_t *x;
            while ((x = obj_iternext(it)) != NULL) {
                check_item(x);
                DECREF(x);
            }
            assert_false(err_occurred());
            DECREF(it);
            thread_quiescent();
        }
    }
    thread_detach();
    return (void *)reads;
}

static void test_lockfree_reads_race_mutations(void **state) {
    (void)state;
    race_list = list_new(0);
    for (int k = 0; k < 64; k++) {
        obj_t *s = fresh_item(-k);
        assert_int_equal(list_append(race_list, s), 0);
        DECREF(s);
    }
    atomic_store(&race_done, 0);
    atomic_store(&race_readers_reading, 0);
    pthread_t w, r[RACE_READERS];
    assert_int_equal(pthread_create(&w, NULL, race_writer, NULL), 0);
    for (int i = 0; i < RACE_READERS; i++)
        assert_int_equal(pthread_create(&r[i], NULL, race_reader, NULL), 0);
    size_t total = 0;
    thread_block_begin(); // offline for QSBR while waiting
    pthread_join(w, NULL);
    for (int i = 0; i < RACE_READERS; i++) {
        void *reads;
        pthread_join(r[i], &reads);
        total += (size_t)reads;
    }
    thread_block_end();
    assert_true(total > 0);
    ssize_t n = list_size(race_list);
    assert_true(n >= 8);
    for (ssize_t i = 0; i < n; i++) {
        obj_t *v = list_get(race_list, i);
        check_item(v);
        DECREF(v);
    }
    DECREF(race_list);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_insert_pop),
        cmocka_unit_test(test_set_remove_index),
        cmocka_unit_test(test_slices),
        cmocka_unit_test(test_concat_repeat_compare),
        cmocka_unit_test(test_sort_stability),
        cmocka_unit_test(test_large_sorts),
        cmocka_unit_test(test_sort_errors),
        cmocka_unit_test(test_modified_during_sort),
        cmocka_unit_test(test_lockfree_reads_race_mutations),
    };
    return cmocka_run_group_tests(tests, setup_once, NULL);
}
