/*
 * tests/c/test_weakref.c — the weak reference protocol (modules/weakref.c):
 * marking, dereference as a try-incref, clearing when the count reaches
 * zero on the owner or on another thread, callback order, and the refusal
 * to revive an object whose count already reached zero.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/runtime.h"
#include "modules/weakref.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/set.h"
#include "probe.h"
#include "puppet.h"

static int32_t shared_state(obj_t *o) {
    return atomic_load(&o->ob_ref_shared) & REF_SHARED_FLAG_MASK;
}

static obj_t *make_ref(obj_t *o, obj_t *callback) {
    obj_t *args[2] = {o, callback};
    obj_t *w = obj_call((obj_t *)&weakref_ref_type, args, callback ? 2 : 1, NULL);
    assert_non_null(w);
    return w;
}

// w() as a new reference (None when dead).
static obj_t *deref(obj_t *w) {
    obj_t *r = obj_call(w, NULL, 0, NULL);
    assert_non_null(r);
    return r;
}

static void test_create_marks_and_derefs(void **state) {
    (void)state;
    obj_t *s = set_new(NULL);
    assert_int_equal(shared_state(s), REF_SHARED_NONE);
    obj_t *w = make_ref(s, NULL);
    assert_int_equal(shared_state(s), REF_MAYBE_WEAKREF);
    assert_true(atomic_load(&s->ob_gc_bits) & GC_WEAKREFS);
    obj_t *again = make_ref(s, NULL);
    assert_ptr_equal(again, w); // the basic ref is shared
    DECREF(again);
    obj_t *r = deref(w);
    assert_ptr_equal(r, s);
    assert_int_equal(obj_refcount(s), 2);
    DECREF(r);
    // The owner drops the last reference: local zero with the mark set
    // goes through MERGED, and the weakref is cleared.
    DECREF(s);
    r = deref(w);
    assert_ptr_equal(r, None);
    DECREF(w);
}

static obj_t *shared_s, *shared_w, *got;

static void puppet_incref(void *arg) {
    (void)arg;
    INCREF(shared_s);
}
static void puppet_deref(void *arg) {
    (void)arg;
    got = deref(shared_w);
}
static void puppet_decref_twice(void *arg) {
    (void)arg;
    DECREF(got);
    DECREF(shared_s);
}

static void test_last_decref_on_another_thread(void **state) {
    (void)state;
    puppet_t p;
    puppet_start(&p);
    shared_s = set_new(NULL);
    shared_w = make_ref(shared_s, NULL);
    puppet_do(&p, puppet_incref, NULL); // shared count 1 (flag kept)
    assert_int_equal(shared_state(shared_s), REF_MAYBE_WEAKREF);
    DECREF(shared_s); // owner gives up: merged, count 1
    assert_int_equal(shared_state(shared_s), REF_MERGED);
    puppet_do(&p, puppet_deref, NULL); // try-incref on the shared field
    assert_ptr_equal(got, shared_s);
    puppet_do(&p, puppet_decref_twice, NULL); // dies on the puppet
    obj_t *r = deref(shared_w);
    assert_ptr_equal(r, None);
    DECREF(shared_w);
    puppet_stop(&p);
}

static void test_try_incref_refuses_dead(void **state) {
    (void)state;
    obj_t *o = new_probe();
    // Another thread's view of a merged object whose count reached zero.
    atomic_store(&o->ob_tid, 0);
    atomic_store(&o->ob_ref_local, 0);
    atomic_store(&o->ob_ref_shared, REF_MERGED);
    assert_false(obj_try_incref(o));
    // Merged with a count: revived by one.
    atomic_store(&o->ob_ref_shared, (1 << REF_SHARED_SHIFT) | REF_MERGED);
    assert_true(obj_try_incref(o));
    assert_int_equal(atomic_load(&o->ob_ref_shared) >> REF_SHARED_SHIFT, 2);
    // Marked, owned by another thread, shared count 0: alive (the owner's
    // local count holds it).
    atomic_store(&o->ob_tid, 9999);
    atomic_store(&o->ob_ref_shared, REF_MAYBE_WEAKREF);
    assert_true(obj_try_incref(o));
    // Back to one owned reference and free it.
    atomic_store(&o->ob_tid, current_tid());
    atomic_store(&o->ob_ref_local, 1);
    atomic_store(&o->ob_ref_shared, 0);
    int before = atomic_load(&deallocs);
    DECREF(o);
    assert_int_equal(atomic_load(&deallocs), before + 1);
}

static void test_callbacks_run_once_in_list_order(void **state) {
    (void)state;
    obj_t *log = list_new(0);
    obj_t *append = obj_getattr_str(log, "append");
    assert_non_null(append);
    obj_t *s = set_new(NULL);
    obj_t *w1 = make_ref(s, append);
    obj_t *w2 = make_ref(s, append);
    obj_t *w0 = make_ref(s, NULL);
    DECREF(s);
    assert_int_equal(obj_len(log), 2);
    obj_t *a = list_get(log, 0), *b = list_get(log, 1);
    assert_ptr_equal(a, w2); // newest first, as CPython
    assert_ptr_equal(b, w1);
    DECREF(a);
    DECREF(b);
    obj_t *cb = obj_getattr_str(w1, "__callback__");
    assert_ptr_equal(cb, None); // run once, then dropped
    DECREF(w0);
    DECREF(w1);
    DECREF(w2);
    DECREF(append);
    DECREF(log);
}

static void test_weakref_dying_first_never_calls(void **state) {
    (void)state;
    obj_t *log = list_new(0);
    obj_t *append = obj_getattr_str(log, "append");
    obj_t *s = set_new(NULL);
    obj_t *w = make_ref(s, append);
    DECREF(w);
    DECREF(s);
    assert_int_equal(obj_len(log), 0);
    DECREF(append);
    DECREF(log);
}

static void test_unsupported_types(void **state) {
    (void)state;
    obj_t *l = list_new(0);
    obj_t *w = obj_call((obj_t *)&weakref_ref_type, &l, 1, NULL);
    assert_null(w);
    assert_true(err_matches(exc_TypeError));
    err_clear();
    DECREF(l);
}

int main(void) {
    if (runtime_init(0, NULL) != 0) return 1;
    if (type_ensure_ready(&weakref_ref_type) < 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_marks_and_derefs),
        cmocka_unit_test(test_last_decref_on_another_thread),
        cmocka_unit_test(test_try_incref_refuses_dead),
        cmocka_unit_test(test_callbacks_run_once_in_list_order),
        cmocka_unit_test(test_weakref_dying_first_never_calls),
        cmocka_unit_test(test_unsupported_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
