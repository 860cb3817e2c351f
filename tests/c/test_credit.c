/*
 * tests/c/test_credit.c — register credits (gc/credit.h): the per-thread
 * table of uncounted references, driven step by step, then hammered by
 * reader threads against a writer.
 *
 * The objects under test are owned by a puppet thread, so the main thread
 * is a non-owner: its register references become credits, and any write to
 * an object's shared count is visible in ob_ref_shared.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/runtime.h"
#include "gc/credit.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/tuple.h"
#include "probe.h"
#include "puppet.h"

enum { NPROBES = 600 };
static obj_t *probes[NPROBES]; // owned by the puppet thread
static puppet_t owner;

static void make_probes(void *arg) {
    (void)arg;
    for (int i = 0; i < NPROBES; i++) {
        probes[i] = new_probe();
    }
}

static int32_t shared_count(obj_t *o) {
    return atomic_load(&o->ob_ref_shared) >> REF_SHARED_SHIFT;
}

static thread_t *me(void) {
    return thread_current();
}

static int setup_once(void **state) {
    (void)state;
    if (thread_current() == NULL && thread_attach() == NULL) return -1;
    if (types_init() < 0 || exceptions_init() < 0) return -1;
    puppet_start(&owner);
    puppet_do(&owner, make_probes, NULL);
    return 0;
}

// Every test leaves the table empty and every probe at local 1, shared 0.
static void assert_clean(void) {
    assert_int_equal(me()->ncredits, 0);
    assert_int_equal(me()->ndebts, 0);
    for (int i = 0; i < NPROBES; i++) {
        assert_int_equal(shared_count(probes[i]), 0);
        assert_int_equal(atomic_load(&probes[i]->ob_ref_local), 1);
    }
    assert_int_equal(atomic_load(&deallocs), 0);
}

static void test_register_ref_is_a_credit(void **state) {
    (void)state;
    obj_t *o = probes[0];
    INCREF_REG(o);
    INCREF_REG(o);
    assert_int_equal(shared_count(o), 0); // nothing written to the object
    assert_int_equal(me()->ncredits, 1);
    assert_int_equal(credit_find(me(), o)->n, 2);
    DECREF(o); // consumes a credit
    DECREF(o);
    assert_int_equal(shared_count(o), 0);
    assert_clean();
}

static void test_owned_and_immortal_are_counted(void **state) {
    (void)state;
    obj_t *mine = new_probe(); // owned by this thread
    INCREF_REG(mine);
    assert_int_equal(atomic_load(&mine->ob_ref_local), 2);
    assert_int_equal(me()->ncredits, 0);
    DECREF(mine);
    INCREF_REG(None);
    assert_int_equal(me()->ncredits, 0);
    DECREF(mine);
    assert_int_equal(atomic_load(&deallocs), 1);
    atomic_store(&deallocs, 0);
    assert_clean();
}

static void test_pay_all(void **state) {
    (void)state;
    obj_t *a = probes[1], *b = probes[2];
    INCREF_REG(a);
    INCREF_REG(a);
    INCREF_REG(b);
    credit_pay_all(me());
    assert_int_equal(me()->ncredits, 0);
    assert_int_equal(shared_count(a), 2);
    assert_int_equal(shared_count(b), 1);
    DECREF(a); // now ordinary shared decrements
    DECREF(a);
    DECREF(b);
    assert_clean();
}

static void test_collision_pays_the_evicted(void **state) {
    (void)state;
    // Three probes that map to the same pair of slots.
    obj_t *p[3] = {NULL, NULL, NULL};
    int found = 0;
    for (int i = 0; i < NPROBES && found < 3; i++) {
        if (found > 0 && credit_slot(me(), probes[i]) != credit_slot(me(), p[0])) continue;
        p[found++] = probes[i];
    }
    assert_int_equal(found, 3); // 600 probes, 128 pairs
    INCREF_REG(p[0]);
    INCREF_REG(p[1]); // the pair's second slot: nobody is paid
    assert_int_equal(shared_count(p[0]), 0);
    assert_int_equal(shared_count(p[1]), 0);
    assert_int_equal(me()->ncredits, 2);
    INCREF_REG(p[0]); // still there
    assert_int_equal(credit_find(me(), p[0])->n, 2);
    DECREF(p[0]);
    INCREF_REG(p[2]); // evicts the older entry of the pair (p[0]): counted now
    assert_int_equal(shared_count(p[0]), 1);
    assert_int_equal(shared_count(p[1]), 0);
    assert_int_equal(shared_count(p[2]), 0);
    assert_null(credit_find(me(), p[0]));
    assert_int_equal(me()->ncredits, 2);
    DECREF(p[2]);
    DECREF(p[1]);
    DECREF(p[0]);
    assert_clean();
}

static void test_claim_and_move(void **state) {
    (void)state;
    obj_t *o = probes[3];
    credit_claim(o); // no credit held: nothing to do
    assert_int_equal(shared_count(o), 0);
    brc_incref_shared(o); // a counted reference in a register
    INCREF_MOVE(o);       // its copy: a credit, whatever the source was
    assert_int_equal(shared_count(o), 1);
    assert_int_equal(credit_find(me(), o)->n, 1);
    DECREF(o); // the first drop consumes the credit, the count stays
    assert_int_equal(shared_count(o), 1);
    assert_int_equal(me()->ncredits, 0);
    DECREF(o); // no credit left: a real decrement
    assert_int_equal(shared_count(o), 0);
    INCREF_REG(o);
    INCREF_MOVE(o); // a copy of a credited register: another credit
    assert_int_equal(shared_count(o), 0);
    assert_int_equal(credit_find(me(), o)->n, 2);
    credit_claim(o); // one reference leaves the frames: counted now
    assert_int_equal(shared_count(o), 1);
    assert_int_equal(credit_find(me(), o)->n, 1);
    DECREF(o);
    DECREF(o);
    assert_clean();
}

// A counted drop while credits are held waits until the credits are paid:
// a credit may stand for a pointer read from the dropped object.
static void test_counted_drop_with_credits_is_a_debt(void **state) {
    (void)state;
    obj_t *o = probes[5], *other = probes[6];
    brc_incref_shared(o); // counted
    DECREF(o);            // no credits held: applied at once
    assert_int_equal(shared_count(o), 0);
    assert_int_equal(me()->ndebts, 0);
    brc_incref_shared(o);
    INCREF_REG(other); // a credit, maybe read from o
    DECREF(o);
    assert_int_equal(shared_count(o), 1); // not yet
    assert_int_equal(me()->ndebts, 1);
    credit_settle(me()); // pays `other`, then applies the debt
    assert_int_equal(shared_count(other), 1);
    assert_int_equal(shared_count(o), 0);
    assert_int_equal(me()->ndebts, 0);
    DECREF(other);
    assert_clean();
}

// Moving a counted register into a heap object while credits are held: the
// object keeps one more count until the thread settles.
static void test_claim_of_counted_keeps_count_until_settled(void **state) {
    (void)state;
    obj_t *o = probes[7], *other = probes[8];
    brc_incref_shared(o); // the register's counted reference
    INCREF_REG(other);
    credit_claim(o); // the register moves into a tuple, say
    assert_int_equal(shared_count(o), 2);
    assert_int_equal(me()->ndebts, 1);
    // The eval breaker settles after the quiescent state it reports.
    atomic_fetch_or(&me()->eval_breaker, EB_QUIESCE);
    assert_int_equal(thread_handle_eval_breaker(me()), 0);
    assert_int_equal(me()->ndebts, 0);
    assert_int_equal(shared_count(o), 1); // the tuple's reference
    assert_int_equal(shared_count(other), 1);
    DECREF(o);
    DECREF(other);
    assert_clean();
}

// Past CREDIT_MAX_DEBTS the list settles on the spot.
static void test_debts_are_bounded(void **state) {
    (void)state;
    obj_t *o = probes[9], *other = probes[10];
    INCREF_REG(other);
    for (int i = 0; i < CREDIT_MAX_DEBTS - 1; i++)
        brc_incref_shared(o);
    for (int i = 0; i < CREDIT_MAX_DEBTS - 1; i++)
        DECREF(o);
    assert_int_equal(me()->ndebts, CREDIT_MAX_DEBTS - 1);
    assert_int_equal(shared_count(o), CREDIT_MAX_DEBTS - 1);
    brc_incref_shared(o);
    DECREF(o); // the limit: everything is settled
    assert_int_equal(me()->ndebts, 0);
    assert_int_equal(shared_count(o), 0);
    assert_int_equal(shared_count(other), 1);
    DECREF(other);
    assert_clean();
}

static void test_quiescent_points_pay(void **state) {
    (void)state;
    obj_t *o = probes[4];
    INCREF_REG(o);
    thread_quiescent();
    assert_int_equal(me()->ncredits, 0);
    assert_int_equal(shared_count(o), 1);
    INCREF_REG(o);
    thread_block_begin(); // going offline ends the protection too
    assert_int_equal(me()->ncredits, 0);
    assert_int_equal(shared_count(o), 2);
    thread_block_end();
    DECREF(o);
    DECREF(o);
    assert_clean();
}

// ---- readers against a writer -------------------------------------------------
//
// Readers load items of a shared list as register references (credits),
// copy them, move some into tuples (claims) and pass quiescent points; a
// writer replaces the items.  At the end every surviving item must have
// exactly the list's reference, and every replaced one must be freed.

enum { HAMMER_ITEMS = 32, HAMMER_WRITES = 20000, HAMMER_READERS = 2 };
static obj_t *hammer_list;
static _Atomic int hammer_done;

static void *hammer_reader(void *arg) {
    (void)arg;
    assert_non_null(thread_attach());
    unsigned k = 0;
    while (!atomic_load(&hammer_done)) {
        k++;
        obj_t *v = list_item_for_reg(hammer_list, k % HAMMER_ITEMS);
        assert_non_null(v);
        assert_true(TYPE(v) == &probe_type);
        INCREF_MOVE(v);
        if (k % 3 == 0) {
            credit_claim(v); // a tuple takes the copy
            obj_t *t = tuple_new(1);
            TUPLE_SET(t, 0, v);
            DECREF(t);
        } else {
            DECREF(v);
        }
        DECREF(v);
        if (k % 100 == 0) thread_quiescent();
    }
    thread_detach();
    return NULL;
}

static void *hammer_writer(void *arg) {
    (void)arg;
    assert_non_null(thread_attach());
    for (int k = 0; k < HAMMER_WRITES; k++) {
        obj_t *o = new_probe();
        assert_int_equal(list_set(hammer_list, k % HAMMER_ITEMS, o), 0);
        DECREF(o);
        if (k % 50 == 0) thread_quiescent();
    }
    atomic_store(&hammer_done, 1);
    thread_detach();
    return NULL;
}

static void test_readers_against_writer(void **state) {
    (void)state;
    atomic_store(&deallocs, 0);
    hammer_list = list_new(0);
    for (int i = 0; i < HAMMER_ITEMS; i++) {
        obj_t *o = new_probe();
        assert_int_equal(list_append(hammer_list, o), 0);
        DECREF(o);
    }
    pthread_t w, r[HAMMER_READERS];
    for (int i = 0; i < HAMMER_READERS; i++)
        assert_int_equal(pthread_create(&r[i], NULL, hammer_reader, NULL), 0);
    assert_int_equal(pthread_create(&w, NULL, hammer_writer, NULL), 0);
    thread_block_begin();
    pthread_join(w, NULL);
    for (int i = 0; i < HAMMER_READERS; i++)
        pthread_join(r[i], NULL);
    thread_block_end();
    // The writer's deferred drops were released when it detached; the
    // initial items (owned here) wait in this thread's merge queue.
    assert_int_equal(thread_handle_eval_breaker(me()), 0);
    assert_int_equal(atomic_load(&deallocs), HAMMER_WRITES);
    for (int i = 0; i < HAMMER_ITEMS; i++) {
        obj_t *o = list_items_unsafe(hammer_list)[i];
        assert_int_equal(obj_refcount(o), 1);
    }
    DECREF(hammer_list);
    assert_int_equal(atomic_load(&deallocs), HAMMER_WRITES + HAMMER_ITEMS);
    atomic_store(&deallocs, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_ref_is_a_credit),
        cmocka_unit_test(test_owned_and_immortal_are_counted),
        cmocka_unit_test(test_pay_all),
        cmocka_unit_test(test_collision_pays_the_evicted),
        cmocka_unit_test(test_claim_and_move),
        cmocka_unit_test(test_counted_drop_with_credits_is_a_debt),
        cmocka_unit_test(test_claim_of_counted_keeps_count_until_settled),
        cmocka_unit_test(test_debts_are_bounded),
        cmocka_unit_test(test_quiescent_points_pay),
        cmocka_unit_test(test_readers_against_writer),
    };
    return cmocka_run_group_tests(tests, setup_once, NULL);
}
