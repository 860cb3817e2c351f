/*
 * tests/c/test_buffer.c — the internal buffer protocol (objects/buffer.h):
 * exports of bytes, bytearray and memoryview; a bytearray refuses to resize
 * while exported and its exported pointer stays put; a memoryview refuses
 * release() while exported; snapshots; the errors for other objects and for
 * strided views; and a thread that resizes a bytearray while another holds
 * an export.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/runtime.h"
#include "objects/buffer.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/exceptions.h"
#include "objects/memoryview.h"
#include "objects/range.h"
#include "objects/str.h"
#include "threads/thread.h"

#define I(v) SMALLINT_FROM(v)

static int setup_once(void **state) {
    (void)state;
    if (thread_current() == NULL && thread_attach() == NULL) return -1;
    if (types_init() < 0 || exceptions_init() < 0) return -1;
    return 0;
}

// ba.append(v): 0, or -1 with the exception cleared after checking its type.
static int append(obj_t *ba, int v, type_t *expect_exc) {
    obj_t *arg = I(v);
    obj_t *r = obj_call_method(ba, "append", &arg, 1);
    if (r) {
        DECREF(r);
        return 0;
    }
    assert_true(err_matches(expect_exc));
    err_clear();
    return -1;
}

static void test_bytes_export(void **state) {
    (void)state;
    obj_t *b = bytes_from("hello", 5);
    buffer_t v;
    assert_int_equal(buffer_get(b, &v), 0);
    assert_ptr_equal(v.buf, bytes_data(b));
    assert_int_equal(v.len, 5);
    assert_true(v.readonly);
    buffer_release(&v);
    buffer_release(&v); // twice is harmless
    assert_null(v.obj);
    obj_t *s = buffer_as_bytes(b);
    assert_ptr_equal(s, b); // an exact bytes is its own snapshot
    DECREF(s);
    DECREF(b);
}

static void test_bytearray_export_pins(void **state) {
    (void)state;
    obj_t *ba = bytearray_from("abc", 3);
    assert_non_null(ba);
    buffer_t v;
    assert_int_equal(buffer_get(ba, &v), 0);
    assert_false(v.readonly);
    assert_int_equal(v.len, 3);
    unsigned char *p = v.buf;
    // No resize while exported; in-place writes are allowed.
    assert_int_equal(append(ba, 1, exc_BufferError), -1);
    assert_int_equal(obj_setitem(ba, I(0), I('z')), 0);
    assert_int_equal(p[0], 'z');
    // A second export; both must go before a resize succeeds.
    buffer_t v2;
    assert_int_equal(buffer_get(ba, &v2), 0);
    assert_ptr_equal(v2.buf, p);
    buffer_release(&v);
    assert_int_equal(append(ba, 1, exc_BufferError), -1);
    buffer_release(&v2);
    for (int i = 0; i < 1000; i++) // grows (reallocates) freely now
        assert_int_equal(append(ba, i & 0xff, exc_BufferError), 0);
    assert_int_equal(obj_len(ba), 1003);
    // A snapshot is a copy with the same bytes.
    obj_t *s = buffer_as_bytes(ba);
    assert_non_null(s);
    assert_true(BYTES_CHECK(s));
    assert_int_equal(bytes_len(s), 1003);
    assert_memory_equal(bytes_data(s), "zbc", 3);
    DECREF(s);
    DECREF(ba);
}

static void test_memoryview_export(void **state) {
    (void)state;
    obj_t *ba = bytearray_from("abcdef", 6);
    obj_t *mv = obj_call1((obj_t *)&memoryview_type, ba);
    assert_non_null(mv);
    // The view itself pins the bytearray.
    assert_int_equal(append(ba, 1, exc_BufferError), -1);
    buffer_t v;
    assert_int_equal(buffer_get(mv, &v), 0);
    assert_int_equal(v.len, 6);
    assert_false(v.readonly);
    // release() refuses while the view is exported.
    obj_t *r = obj_call_method(mv, "release", NULL, 0);
    assert_null(r);
    assert_true(err_matches(exc_BufferError));
    err_clear();
    buffer_release(&v);
    r = obj_call_method(mv, "release", NULL, 0);
    assert_non_null(r);
    DECREF(r);
    assert_int_equal(append(ba, 1, exc_BufferError), 0);
    // A released view exports nothing.
    assert_int_equal(buffer_get(mv, &v), -1);
    assert_true(err_matches(exc_ValueError));
    err_clear();
    DECREF(mv);

    // A strided view: no contiguous export, but a snapshot (tobytes).
    mv = obj_call1((obj_t *)&memoryview_type, ba);
    obj_t *sl = slice_new(None, None, I(2));
    obj_t *strided = obj_getitem(mv, sl);
    assert_non_null(strided);
    assert_int_equal(buffer_get(strided, &v), -1);
    assert_true(err_matches(exc_BufferError));
    err_clear();
    obj_t *tb = memoryview_tobytes(strided);
    assert_non_null(tb);
    assert_int_equal(bytes_len(tb), 4);
    assert_memory_equal(bytes_data(tb), "ace\x01", 4);
    DECREF(tb);
    DECREF(strided);
    DECREF(sl);
    DECREF(mv);
    assert_int_equal(append(ba, 2, exc_BufferError), 0);
    DECREF(ba);
}

static void test_not_bytes_like(void **state) {
    (void)state;
    buffer_t v;
    obj_t *s = str_from_cstr("text");
    assert_false(buffer_check(s));
    assert_int_equal(buffer_get(s, &v), -1);
    assert_true(err_matches(exc_TypeError));
    err_clear();
    assert_null(buffer_as_bytes_opt(s));
    assert_false(err_occurred());
    assert_null(buffer_as_bytes(I(5)));
    assert_true(err_matches(exc_TypeError));
    err_clear();
    DECREF(s);
}

// One thread holds an export and checks that the pointer and length stay
// put while another keeps trying to append; after the release, the
// appender gets through.
static obj_t *race_ba;
static _Atomic int phase;

static void *appender(void *arg) {
    (void)arg;
    thread_attach();
    int refused = 0;
    bool appended = false;
    // Exactly one append gets through: the export may be released between
    // reading `phase` and the attempt, and that attempt then succeeds.
    while (!appended && atomic_load(&phase) == 0) {
        if (append(race_ba, 7, exc_BufferError) < 0)
            refused++;
        else
            appended = true;
    }
    while (!appended)
        appended = append(race_ba, 7, exc_BufferError) == 0;
    thread_detach();
    return (void *)(intptr_t)refused;
}

static void test_export_vs_resizing_thread(void **state) {
    (void)state;
    race_ba = bytearray_from("0123456789", 10);
    buffer_t v;
    assert_int_equal(buffer_get(race_ba, &v), 0);
    atomic_store(&phase, 0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, appender, NULL), 0);
    for (int i = 0; i < 20000; i++) {
        assert_int_equal(obj_len(race_ba), 10);
        assert_memory_equal(v.buf, "0123456789", 10);
    }
    atomic_store(&phase, 1);
    buffer_release(&v);
    void *refused;
    thread_block_begin();
    pthread_join(t, &refused);
    thread_block_end();
    assert_int_equal(obj_len(race_ba), 11);
    DECREF(race_ba);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bytes_export),
        cmocka_unit_test(test_bytearray_export_pins),
        cmocka_unit_test(test_memoryview_export),
        cmocka_unit_test(test_not_bytes_like),
        cmocka_unit_test(test_export_vs_resizing_thread),
    };
    return cmocka_run_group_tests(tests, setup_once, NULL);
}
