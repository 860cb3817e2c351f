/*
 * tests/c/test_spare.c — spare references (gc/spare.h): the per-thread
 * table of counted references kept to small immutable objects of other
 * threads, driven step by step, then hammered by threads that share floats
 * owned by a thread that drops its own references meanwhile.
 *
 * The floats and strings under test are made by a puppet thread, so the
 * main thread is a non-owner: its increments and decrements go to the
 * shared count, unless a spare absorbs them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/runtime.h"
#include "gc/spare.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/str.h"
#include "puppet.h"

enum { NLEAVES = SPARE_SLOTS + 100 }; // more than two a pair: some pair holds three
static obj_t *leaves[NLEAVES];        // floats owned by the puppet thread
static obj_t *big;                    // a str over SPARE_MAX_BYTES, owned by the puppet
static obj_t *container;              // a list (not a leaf), owned by the puppet
static puppet_t owner;

static void make_objects(void *arg) {
    (void)arg;
    for (int i = 0; i < NLEAVES; i++)
        leaves[i] = float_from_double(i + 0.5);
    char text[SPARE_MAX_BYTES + 2];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    big = str_from_cstr(text);
    container = list_new(0);
}

static int32_t shared_count(obj_t *o) {
    return atomic_load(&o->ob_ref_shared) >> REF_SHARED_SHIFT;
}

static thread_t *me(void) {
    return thread_current();
}

static credit_t *spare_find(obj_t *o) {
    credit_t *c = spare_slot(me(), o);
    if (c[0].obj == o) return &c[0];
    if (c[1].obj == o) return &c[1];
    return NULL;
}

static int setup_once(void **state) {
    (void)state;
    if (thread_current() == NULL && thread_attach() == NULL) return -1;
    if (types_init() < 0 || exceptions_init() < 0) return -1;
    puppet_start(&owner);
    puppet_do(&owner, make_objects, NULL);
    return 0;
}

// Every test leaves the table empty and every object at local 1, shared 0.
static void assert_clean(void) {
    assert_int_equal(me()->nspares, 0);
    for (int i = 0; i < NLEAVES; i++) {
        if (leaves[i] == NULL) continue;
        assert_int_equal(shared_count(leaves[i]), 0);
        assert_int_equal(atomic_load(&leaves[i]->ob_ref_local), 1);
    }
    assert_int_equal(shared_count(big), 0);
    assert_int_equal(shared_count(container), 0);
}

static void test_dropped_reference_is_kept(void **state) {
    (void)state;
    obj_t *o = leaves[0];
    INCREF(o); // no spare yet: a shared increment
    INCREF(o);
    assert_int_equal(shared_count(o), 2);
    DECREF(o); // kept as a spare: nothing written
    assert_int_equal(shared_count(o), 2);
    assert_int_equal(me()->nspares, 1);
    assert_int_equal(spare_find(o)->n, 1);
    INCREF(o); // takes the spare: nothing written
    assert_int_equal(shared_count(o), 2);
    assert_int_equal(me()->nspares, 0);
    DECREF(o);
    DECREF(o);
    assert_int_equal(spare_find(o)->n, 2);
    assert_int_equal(shared_count(o), 2); // the counts stay until returned
    spare_flush(me());
    assert_clean();
}

static void test_only_small_leaves(void **state) {
    (void)state;
    INCREF(big); // a leaf, but over SPARE_MAX_BYTES
    DECREF(big);
    INCREF(container); // holds pointers: never a spare
    DECREF(container);
    assert_int_equal(me()->nspares, 0);
    assert_int_equal(shared_count(big), 0);
    assert_int_equal(shared_count(container), 0);
    obj_t *mine = float_from_double(1.25); // owned by this thread: local counts
    INCREF(mine);
    DECREF(mine);
    assert_int_equal(me()->nspares, 0);
    DECREF(mine);
    assert_clean();
}

static void test_collision_returns_the_evicted(void **state) {
    (void)state;
    // Three leaves that map to the same pair of slots.
    obj_t *p[3] = {NULL, NULL, NULL};
    int found = 0;
    for (int first = 0; first < NLEAVES - 1 && found < 3; first++) {
        found = 0;
        for (int i = first; i < NLEAVES - 1 && found < 3; i++) {
            if (found > 0 && spare_slot(me(), leaves[i]) != spare_slot(me(), p[0])) continue;
            p[found++] = leaves[i];
        }
    }
    assert_int_equal(found, 3); // pigeonhole: NLEAVES - 1 > SPARE_SLOTS
    for (int k = 0; k < 3; k++) {
        INCREF(p[k]);
        INCREF(p[k]);
    }
    DECREF(p[0]);
    DECREF(p[0]);
    DECREF(p[1]); // second slot of the pair: nothing returned
    assert_int_equal(me()->nspares, 2);
    assert_int_equal(shared_count(p[0]), 2);
    DECREF(p[2]); // evicts the oldest entry, p[0]: both its spares go back at once
    assert_null(spare_find(p[0]));
    assert_int_equal(shared_count(p[0]), 0);
    assert_int_equal(spare_find(p[2])->n, 1);
    assert_int_equal(spare_find(p[1])->n, 1);
    assert_int_equal(me()->nspares, 2);
    DECREF(p[1]);
    DECREF(p[2]);
    spare_flush(me());
    assert_clean();
}

// The owner drops its own reference while this thread holds only a spare:
// the spare's count keeps the object alive (merged, counted in the shared
// field only) until it is returned.  Under ASan a premature free shows as a
// use after free, a missing one as a leak.
static void drop_own(void *arg) {
    DECREF((obj_t *)arg);
}

static void test_spare_keeps_object_alive(void **state) {
    (void)state;
    obj_t *o = leaves[NLEAVES - 1];
    INCREF(o);
    DECREF(o);
    assert_int_equal(spare_find(o)->n, 1);
    assert_int_equal(shared_count(o), 1);
    puppet_do(&owner, drop_own, o);
    assert_int_equal(atomic_load(&o->ob_ref_shared) & REF_SHARED_FLAG_MASK, REF_MERGED);
    assert_int_equal(shared_count(o), 1);
    assert_true(float_value(o) == NLEAVES - 1 + 0.5);
    INCREF(o); // the spare serves a new reference of this thread
    assert_int_equal(me()->nspares, 0);
    assert_true(float_value(o) == NLEAVES - 1 + 0.5);
    DECREF(o);
    spare_flush(me()); // the last count: o is freed here
    assert_int_equal(me()->nspares, 0);
    leaves[NLEAVES - 1] = NULL; // out of the table's invariant
}

// Threads take and drop references to the owner's leaves at random, each
// through its own spare table; at the end each returns its spares, and
// every shared count must be back at zero: no count lost or made up.
enum { NWORKERS = 4, STEPS = 200000, HELD = 64 };

static void *worker(void *arg) {
    uint64_t seed = (uint64_t)(uintptr_t)arg * 0x9E3779B97F4A7C15ull + 1;
    thread_attach();
    obj_t *held[HELD] = {NULL};
    for (int i = 0; i < STEPS; i++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        int slot = (int)(seed % HELD);
        if (held[slot] != NULL) {
            DECREF(held[slot]);
            held[slot] = NULL;
        } else {
            obj_t *o = leaves[(seed >> 20) % (NLEAVES - 1)];
            INCREF(o);
            held[slot] = o;
        }
    }
    for (int k = 0; k < HELD; k++)
        XDECREF(held[k]);
    thread_detach(); // returns the spares
    return NULL;
}

static void test_threads_balance(void **state) {
    (void)state;
    pthread_t th[NWORKERS];
    for (uintptr_t i = 0; i < NWORKERS; i++)
        pthread_create(&th[i], NULL, worker, (void *)(i + 1));
    thread_block_begin();
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(th[i], NULL);
    thread_block_end();
    for (int i = 0; i < NLEAVES - 1; i++)
        assert_int_equal(atomic_load(&leaves[i]->ob_ref_shared), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dropped_reference_is_kept),
        cmocka_unit_test(test_only_small_leaves),
        cmocka_unit_test(test_collision_returns_the_evicted),
        cmocka_unit_test(test_spare_keeps_object_alive),
        cmocka_unit_test(test_threads_balance),
    };
    return cmocka_run_group_tests(tests, setup_once, NULL);
}
