/*
 * tests/c/test_dict.c — unit tests for objects/dict.c and objects/dictview.c:
 * insertion, lookup, deletion and resizing with thousands of keys,
 * insertion order after deletes, colliding hashes, str keys, iteration and
 * its "changed size" detection, version bumps, copy/merge/update/popitem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/runtime.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "threads/thread.h"

#define I(v) SMALLINT_FROM(v)
#define M61  ((int64_t)((INT64_C(1) << 61) - 1)) // ints k and k + M61 share a hash

static int setup_once(void **state) {
    (void)state;
    if (thread_current() == NULL && thread_attach() == NULL) return -1;
    if (types_init() < 0 || exceptions_init() < 0) return -1;
    return 0;
}

static uint64_t version(obj_t *d) {
    return atomic_load(&((dict_t *)d)->version);
}

static void check_get(obj_t *d, obj_t *key, obj_t *expect) {
    obj_t *v = dict_get(d, key);
    assert_false(err_occurred());
    if (expect == NULL) {
        assert_null(v);
    } else {
        assert_non_null(v);
        assert_int_equal(obj_eq(v, expect), 1);
        DECREF(v);
    }
}

static void test_insert_lookup_many(void **state) {
    (void)state;
    obj_t *d = dict_new();
    const int64_t n = 20000;
    for (int64_t i = 0; i < n; i++)
        assert_int_equal(dict_set(d, I(i * 7), I(i)), 0);
    assert_int_equal(dict_size(d), n);
    for (int64_t i = 0; i < n; i++)
        check_get(d, I(i * 7), I(i));
    check_get(d, I(3), NULL);
    // Overwrite keeps the size and the position.
    assert_int_equal(dict_set(d, I(0), I(-1)), 0);
    assert_int_equal(dict_size(d), n);
    ssize_t pos = 0;
    obj_t *k, *v;
    assert_int_equal(dict_next(d, &pos, &k, &v), 1);
    assert_true(k == I(0) && v == I(-1));
    DECREF(d);
}

static void test_delete_and_order(void **state) {
    (void)state;
    obj_t *d = dict_new();
    const int64_t n = 5000;
    for (int64_t i = 0; i < n; i++)
        assert_int_equal(dict_set(d, I(i), I(i * 2)), 0);
    // Delete the odd keys.
    for (int64_t i = 1; i < n; i += 2)
        assert_int_equal(dict_del(d, I(i)), 0);
    assert_int_equal(dict_size(d), n / 2);
    // Deleting again raises KeyError with the key.
    assert_int_equal(dict_del(d, I(1)), -1);
    assert_true(err_matches(exc_KeyError));
    err_clear();
    // Re-insert some odd keys: they go to the end, in insertion order.
    for (int64_t i = n - 1; i >= n - 21; i -= 2)
        assert_int_equal(dict_set(d, I(i), I(0)), 0);
    ssize_t pos = 0;
    obj_t *k;
    int64_t expect = 0, count = 0;
    while (dict_next(d, &pos, &k, NULL)) {
        if (count < n / 2) {
            assert_true(k == I(expect));
            expect += 2;
        } else {
            assert_true(k == I(n - 1 - 2 * (count - n / 2)));
        }
        count++;
        DECREF(k);
    }
    assert_int_equal(count, n / 2 + 11);
    // Many more deletes and inserts force rebuilds that drop dummies.
    for (int round = 0; round < 20; round++) {
        for (int64_t i = 0; i < 1000; i++)
            assert_int_equal(dict_set(d, I(1000000 + i), I(i)), 0);
        for (int64_t i = 0; i < 1000; i++)
            assert_int_equal(dict_del(d, I(1000000 + i)), 0);
    }
    assert_int_equal(dict_size(d), n / 2 + 11);
    check_get(d, I(2), I(4));
    DECREF(d);
}

static void test_colliding_hashes(void **state) {
    (void)state;
    obj_t *d = dict_new();
    assert_int_equal(obj_hash(I(5)), obj_hash(I(5 + M61)));
    // 60 distinct ints (big ones past the first two) that all hash to 5.
    obj_t *keys[60];
    for (int64_t j = 0; j < 60; j++) {
        obj_t *m = int_binop(I(M61), I(j), BINOP_MUL);
        keys[j] = int_binop(m, I(5), BINOP_ADD);
        DECREF(m);
        assert_int_equal(obj_hash(keys[j]), 5);
        assert_int_equal(dict_set(d, keys[j], I(j)), 0);
    }
    assert_int_equal(dict_size(d), 60);
    for (int64_t j = 0; j < 60; j++)
        check_get(d, keys[j], I(j));
    obj_t *a = keys[0], *b = keys[1];
    assert_int_equal(dict_pop(d, a, NULL), 1);
    check_get(d, a, NULL);
    check_get(d, b, I(1));
    for (int64_t j = 1; j < 60; j += 2)
        assert_int_equal(dict_del(d, keys[j]), 0);
    for (int64_t j = 2; j < 60; j += 2)
        check_get(d, keys[j], I(j));
    for (int64_t j = 0; j < 60; j++)
        DECREF(keys[j]);
    // A big int colliding with a small one.
    obj_t *big = int_from_i64(INT64_MAX);
    hash_t hb = obj_hash(big);
    obj_t *small = I(hb);
    assert_int_equal(obj_hash(small), hb);
    assert_int_equal(dict_set(d, big, I(100)), 0);
    assert_int_equal(dict_set(d, small, I(200)), 0);
    check_get(d, big, I(100));
    check_get(d, small, I(200));
    DECREF(big);
    DECREF(d);
}

static void test_str_keys(void **state) {
    (void)state;
    obj_t *d = dict_new();
    char buf[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(buf, sizeof buf, "key%d", i);
        obj_t *k = str_from_cstr(buf);
        assert_int_equal(dict_set(d, k, I(i)), 0);
        DECREF(k);
    }
    for (int i = 0; i < 3000; i++) {
        snprintf(buf, sizeof buf, "key%d", i);
        obj_t *k = str_from_cstr(buf); // equal, not identical
        check_get(d, k, I(i));
        DECREF(k);
    }
    obj_t *v = dict_get_str(d, "key42");
    assert_true(v == I(42));
    assert_int_equal(dict_set_str(d, "key42", I(-42)), 0);
    v = dict_get_str(d, "key42");
    assert_true(v == I(-42));
    assert_int_equal(dict_size(d), 3000);
    DECREF(d);
}

static void test_version_bumps(void **state) {
    (void)state;
    obj_t *d = dict_new();
    uint64_t v0 = version(d);
    assert_int_equal(dict_set(d, I(1), I(1)), 0);
    uint64_t v1 = version(d);
    assert_true(v1 > v0);
    obj_t *x = dict_get(d, I(1));
    DECREF(x);
    assert_int_equal(dict_contains(d, I(1)), 1);
    assert_true(version(d) == v1); // reads do not bump
    assert_int_equal(dict_set(d, I(1), I(2)), 0);
    uint64_t v2 = version(d);
    assert_true(v2 > v1);
    assert_int_equal(dict_del(d, I(1)), 0);
    uint64_t v3 = version(d);
    assert_true(v3 > v2);
    assert_int_equal(dict_pop(d, I(1), NULL), 0); // missing: no bump
    assert_true(version(d) == v3);
    assert_int_equal(dict_set(d, I(2), I(2)), 0);
    uint64_t v4 = version(d);
    dict_clear(d);
    assert_true(version(d) > v4);
    assert_int_equal(dict_size(d), 0);
    DECREF(d);
}

static void test_iterator_changed_size(void **state) {
    (void)state;
    obj_t *d = dict_new();
    for (int64_t i = 0; i < 10; i++)
        assert_int_equal(dict_set(d, I(i), I(i)), 0);
    obj_t *it = obj_iter(d);
    assert_non_null(it);
    obj_t *k = obj_iternext(it);
    assert_true(k == I(0));
    assert_int_equal(dict_set(d, I(100), I(0)), 0);
    assert_null(obj_iternext(it));
    assert_true(err_matches(exc_RuntimeError));
    err_clear();
    // Sticky.
    assert_int_equal(dict_del(d, I(100)), 0);
    assert_null(obj_iternext(it));
    assert_true(err_matches(exc_RuntimeError));
    err_clear();
    DECREF(it);

    // Full iteration, then exhausted stays exhausted.
    it = obj_iter(d);
    int64_t count = 0;
    while ((k = obj_iternext(it)) != NULL) {
        assert_true(k == I(count));
        count++;
    }
    assert_false(err_occurred());
    assert_int_equal(count, 10);
    assert_null(obj_iternext(it));
    assert_false(err_occurred());
    DECREF(it);
    DECREF(d);
}

static void test_copy_merge_popitem(void **state) {
    (void)state;
    obj_t *a = dict_new();
    for (int64_t i = 0; i < 1000; i++)
        assert_int_equal(dict_set(a, I(i), I(i + 1)), 0);
    for (int64_t i = 0; i < 1000; i += 3)
        assert_int_equal(dict_del(a, I(i)), 0);
    obj_t *b = dict_copy(a);
    assert_int_equal(dict_size(b), dict_size(a));
    assert_int_equal(obj_eq(a, b), 1);
    assert_int_equal(dict_set(b, I(1), I(0)), 0);
    assert_int_equal(obj_eq(a, b), 0);
    // merge without override keeps b's value.
    assert_int_equal(dict_merge(b, a, false), 0);
    check_get(b, I(1), I(0));
    assert_int_equal(dict_merge(b, a, true), 0);
    check_get(b, I(1), I(2));
    // popitem is LIFO.
    obj_t *pi = obj_call_method(b, "popitem", NULL, 0);
    assert_non_null(pi);
    assert_true(TUPLE_GET(pi, 0) == I(998));
    DECREF(pi);
    // update from pairs.
    obj_t *pair = tuple_pack(2, I(-5), I(5));
    obj_t *pairs = list_from_array(&pair, 1);
    assert_int_equal(dict_update(b, pairs), 0);
    check_get(b, I(-5), I(5));
    DECREF(pairs);
    DECREF(pair);
    // bad element length.
    obj_t *bad = tuple_pack(3, I(1), I(2), I(3));
    pairs = list_from_array(&bad, 1);
    assert_int_equal(dict_update(b, pairs), -1);
    assert_true(err_matches(exc_ValueError));
    err_clear();
    DECREF(pairs);
    DECREF(bad);
    obj_t *keys = dict_keys_list(b);
    assert_int_equal(list_size(keys), dict_size(b));
    DECREF(keys);
    DECREF(a);
    DECREF(b);
}

static void test_unhashable_key(void **state) {
    (void)state;
    obj_t *d = dict_new();
    obj_t *l = list_new(0);
    assert_int_equal(dict_set(d, l, I(1)), -1);
    assert_true(err_matches(exc_TypeError));
    err_clear();
    assert_null(dict_get(d, l));
    assert_true(err_occurred());
    err_clear();
    DECREF(l);
    DECREF(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_lookup_many), cmocka_unit_test(test_delete_and_order),
        cmocka_unit_test(test_colliding_hashes),   cmocka_unit_test(test_str_keys),
        cmocka_unit_test(test_version_bumps),      cmocka_unit_test(test_iterator_changed_size),
        cmocka_unit_test(test_copy_merge_popitem), cmocka_unit_test(test_unhashable_key),
    };
    return cmocka_run_group_tests(tests, setup_once, NULL);
}
