/*
 * tests/c/test_refcount.c — the biased reference counting state machine
 * (gc/refcount.c), driven step by step across two threads.
 *
 * Each test uses a private type whose dealloc counts calls, so "freed
 * exactly once, and only when the last reference went" is checked directly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/runtime.h"
#include "gc/brc.h"
#include "objects/object.h"
#include "probe.h"
#include "puppet.h"

static int32_t shared_state(obj_t *o) {
    return atomic_load(&o->ob_ref_shared) & REF_SHARED_FLAG_MASK;
}
static int32_t shared_count(obj_t *o) {
    return atomic_load(&o->ob_ref_shared) >> REF_SHARED_SHIFT;
}

static int setup(void **state) {
    atomic_store(&deallocs, 0);
    return 0;
}

// ---- owner-only paths ---------------------------------------------------------------

static void test_owner_counts_locally(void **state) {
    obj_t *o = new_probe();
    assert_int_equal(atomic_load(&o->ob_tid), current_tid());
    INCREF(o);
    INCREF(o);
    assert_int_equal(atomic_load(&o->ob_ref_local), 3);
    assert_int_equal(atomic_load(&o->ob_ref_shared), 0);
    DECREF(o);
    DECREF(o);
    assert_int_equal(deallocs, 0);
    DECREF(o);
    assert_int_equal(deallocs, 1);
}

static void test_immortal_is_never_counted(void **state) {
    obj_t *o = new_probe();
    obj_immortalize(o);
    for (int i = 0; i < 10; i++)
        DECREF(o);
    INCREF(o);
    assert_int_equal(atomic_load(&o->ob_ref_local), REF_IMMORTAL);
    assert_int_equal(deallocs, 0);
    assert_true(obj_is_immortal(None));
    DECREF(None);
    assert_true(obj_is_immortal(None));
    obj_free(o);
}

static void test_tagged_ints_are_ignored(void **state) {
    obj_t *v = SMALLINT_FROM(42);
    INCREF(v);
    DECREF(v);
    assert_int_equal(SMALLINT_VALUE(v), 42);
    assert_true(TYPE(v) == &int_type);
}

// ---- two threads --------------------------------------------------------------------

static obj_t *shared_obj;

static void step_incref(void *a) {
    INCREF(shared_obj);
}
static void step_decref(void *a) {
    DECREF(shared_obj);
}
static void step_alloc(void *a) {
    shared_obj = new_probe();
}
static void step_eval_breaker(void *a) {
    *(uint32_t *)a = atomic_load(&thread_current()->eval_breaker);
}

static void test_non_owner_counts_in_shared_field(void **state) {
    puppet_t p;
    puppet_start(&p);
    shared_obj = new_probe();
    puppet_do(&p, step_incref, NULL);
    assert_int_equal(shared_count(shared_obj), 1);
    assert_int_equal(atomic_load(&shared_obj->ob_ref_local), 1);
    puppet_do(&p, step_decref, NULL);
    assert_int_equal(shared_count(shared_obj), 0);
    assert_int_equal(shared_state(shared_obj), REF_SHARED_NONE);
    DECREF(shared_obj);
    assert_int_equal(deallocs, 1);
    puppet_stop(&p);
}

// A reference created by the owner and dropped by another thread: the
// shared count would go negative, so the object is queued to the owner.
static void test_decref_below_zero_queues_to_owner(void **state) {
    puppet_t p;
    puppet_start(&p);
    shared_obj = new_probe();
    INCREF(shared_obj); // owner: local 2; one reference is handed to the puppet
    puppet_do(&p, step_decref, NULL);
    assert_int_equal(shared_state(shared_obj), REF_QUEUED);
    assert_int_equal(shared_count(shared_obj), 0);
    assert_true(atomic_load(&thread_current()->eval_breaker) & EB_MERGE_QUEUE);
    assert_int_equal(deallocs, 0);

    // The owner merges at its eval breaker: local 2 + shared 0 - queue's 1.
    brc_merge_queue(thread_current());
    assert_int_equal(shared_state(shared_obj), REF_MERGED);
    assert_int_equal(shared_count(shared_obj), 1);
    assert_int_equal(atomic_load(&shared_obj->ob_tid), 0);
    assert_int_equal(atomic_load(&shared_obj->ob_ref_local), 0);
    assert_false(atomic_load(&thread_current()->eval_breaker) & EB_MERGE_QUEUE);

    // Merged: everyone now counts in the shared field, the last drop frees.
    DECREF(shared_obj);
    assert_int_equal(deallocs, 1);
    puppet_stop(&p);
}

// The queued reference was the last one: merging frees the object.
static void test_merge_frees_when_queue_held_last_reference(void **state) {
    puppet_t p;
    puppet_start(&p);
    shared_obj = new_probe(); // local 1, handed to the puppet
    puppet_do(&p, step_decref, NULL);
    assert_int_equal(shared_state(shared_obj), REF_QUEUED);
    assert_int_equal(deallocs, 0);
    brc_merge_queue(thread_current());
    assert_int_equal(deallocs, 1);
    puppet_stop(&p);
}

// The owner drops its last local reference while another thread still
// holds one: ownership is given up and the last shared drop frees.
static void test_owner_gives_up_when_local_reaches_zero(void **state) {
    puppet_t p;
    puppet_start(&p);
    shared_obj = new_probe();
    puppet_do(&p, step_incref, NULL); // shared 1
    DECREF(shared_obj);               // local 0, shared 1
    assert_int_equal(deallocs, 0);
    assert_int_equal(atomic_load(&shared_obj->ob_tid), 0);
    assert_int_equal(shared_state(shared_obj), REF_MERGED);
    assert_int_equal(shared_count(shared_obj), 1);
    puppet_do(&p, step_decref, NULL);
    assert_int_equal(deallocs, 1);
    puppet_stop(&p);
}

// The puppet owns the object and exits; our drop that would have been
// queued to it is merged by us instead.
static void test_owner_exited_merges_in_place(void **state) {
    puppet_t p;
    puppet_start(&p);
    puppet_do(&p, step_alloc, NULL);
    puppet_do(&p, step_incref, NULL); // puppet: local 2
    // The puppet hands us both references, then exits.
    puppet_stop(&p);
    DECREF(shared_obj); // would queue; owner is gone: merged here (local 2 - 1)
    assert_int_equal(deallocs, 0);
    assert_int_equal(shared_state(shared_obj), REF_MERGED);
    assert_int_equal(shared_count(shared_obj), 1);
    DECREF(shared_obj);
    assert_int_equal(deallocs, 1);
}

// A thread exiting drains its merge queue.
static void test_exit_drains_queue(void **state) {
    puppet_t p;
    puppet_start(&p);
    puppet_do(&p, step_alloc, NULL); // puppet owns it, local 1
    uint32_t eb = 0;
    DECREF(shared_obj); // we drop the puppet's reference: queued to the puppet
    puppet_do(&p, step_eval_breaker, &eb);
    assert_true(eb & EB_MERGE_QUEUE);
    assert_int_equal(deallocs, 0);
    puppet_stop(&p); // detach drains the queue: the object is freed
    assert_int_equal(deallocs, 1);
}

// A thread that has closed its merge queue (the start of its exit) owns
// nothing: what it allocates then starts merged, counted in the shared field
// only, so other threads' merges never race with its local writes, and no
// object carries the closed id.
static void step_close_queue(void *a) {
    brc_thread_fini(thread_current());
}

static void test_closed_thread_allocates_merged(void **state) {
    puppet_t p;
    puppet_start(&p);
    puppet_do(&p, step_close_queue, NULL);
    puppet_do(&p, step_alloc, NULL);
    assert_int_equal(atomic_load(&shared_obj->ob_tid), 0);
    assert_int_equal(atomic_load(&shared_obj->ob_ref_local), 0);
    assert_int_equal(shared_state(shared_obj), REF_MERGED);
    assert_int_equal(shared_count(shared_obj), 1);
    puppet_do(&p, step_incref, NULL); // the exiting thread counts shared too
    assert_int_equal(atomic_load(&shared_obj->ob_ref_local), 0);
    assert_int_equal(shared_count(shared_obj), 2);
    DECREF(shared_obj);
    assert_int_equal(deallocs, 0);
    puppet_do(&p, step_decref, NULL); // the last reference dies on the exiting thread
    assert_int_equal(deallocs, 1);
    puppet_stop(&p);
}

// ---- concurrent hammering ----------------------------------------------------------

#define HAMMER_THREADS 4
#define HAMMER_ROUNDS  200000

static void *hammer(void *arg) {
    thread_attach();
    obj_t *o = arg;
    for (int i = 0; i < HAMMER_ROUNDS; i++) {
        INCREF(o);
        DECREF(o);
        if ((i & 1023) == 0) brc_merge_queue(thread_current());
    }
    DECREF(o); // the reference the creator gave this thread
    thread_detach();
    return NULL;
}

static void test_concurrent_incref_decref(void **state) {
    obj_t *o = new_probe();
    pthread_t t[HAMMER_THREADS];
    for (int i = 0; i < HAMMER_THREADS; i++) {
        INCREF(o);
        pthread_create(&t[i], NULL, hammer, o);
    }
    for (int i = 0; i < HAMMER_ROUNDS; i++) {
        INCREF(o);
        DECREF(o);
    }
    for (int i = 0; i < HAMMER_THREADS; i++)
        pthread_join(t[i], NULL);
    brc_merge_queue(thread_current());
    assert_int_equal(deallocs, 0);
    assert_int_equal(obj_refcount(o), 1);
    DECREF(o);
    brc_merge_queue(thread_current());
    assert_int_equal(deallocs, 1);
}

int main(void) {
    if (runtime_init(0, NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_owner_counts_locally, setup),
        cmocka_unit_test_setup(test_immortal_is_never_counted, setup),
        cmocka_unit_test_setup(test_tagged_ints_are_ignored, setup),
        cmocka_unit_test_setup(test_non_owner_counts_in_shared_field, setup),
        cmocka_unit_test_setup(test_decref_below_zero_queues_to_owner, setup),
        cmocka_unit_test_setup(test_merge_frees_when_queue_held_last_reference, setup),
        cmocka_unit_test_setup(test_owner_gives_up_when_local_reaches_zero, setup),
        cmocka_unit_test_setup(test_owner_exited_merges_in_place, setup),
        cmocka_unit_test_setup(test_exit_drains_queue, setup),
        cmocka_unit_test_setup(test_closed_thread_allocates_merged, setup),
        cmocka_unit_test_setup(test_concurrent_incref_decref, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
