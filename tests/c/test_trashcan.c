/*
 * tests/c/test_trashcan.c — the bounded-depth deallocation state machine
 * (gc/trashcan.h): the depth counter, putting objects off past
 * TRASHCAN_DEPTH, the order in which put-off objects are drained, the
 * header words restored before a deferred dealloc, thread exit, and a chain
 * whose last reference another thread drops.
 *
 * The nodes are a private type whose dealloc records, on entry, its id, the
 * thread's dealloc depth and the header words, then releases its children in
 * order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/runtime.h"
#include "gc/brc.h"
#include "gc/trashcan.h"
#include "objects/object.h"
#include "puppet.h"

#define MAX_KIDS 3

typedef struct {
    obj_t ob;
    int id;
    obj_t *kids[MAX_KIDS];
} node_t;

typedef struct {
    int id;
    uint32_t depth; // thread_t.trash.depth when the dealloc started
    uint32_t tid;   // ob_tid when the dealloc started
    uint32_t local; // ob_ref_local when the dealloc started
} record_t;

#define MAX_RECORDS 100000
static record_t records[MAX_RECORDS];
static _Atomic int nrecords;

static void node_dealloc(obj_t *o) {
    node_t *n = (node_t *)o;
    int i = atomic_fetch_add(&nrecords, 1);
    if (i < MAX_RECORDS) {
        records[i].id = n->id;
        records[i].depth = thread_current()->trash.depth;
        records[i].tid = atomic_load(&o->ob_tid);
        records[i].local = atomic_load(&o->ob_ref_local);
    }
    for (int k = 0; k < MAX_KIDS; k++)
        XDECREF(n->kids[k]);
    obj_free(o);
}

static type_t node_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "trashcan_node",
    .basicsize = sizeof(node_t),
    .dealloc = node_dealloc,
};

// A node owning (stealing) up to three children.
static obj_t *node(int id, obj_t *a, obj_t *b, obj_t *c) {
    node_t *n = (node_t *)obj_alloc(&node_type, sizeof(node_t));
    assert_non_null(n);
    n->id = id;
    n->kids[0] = a;
    n->kids[1] = b;
    n->kids[2] = c;
    return (obj_t *)n;
}

// A chain first_id -> first_id + 1 -> ... of `len` nodes, ending in `tail`.
static obj_t *chain(int first_id, int len, obj_t *tail) {
    obj_t *x = tail;
    for (int i = len - 1; i >= 0; i--)
        x = node(first_id + i, x, NULL, NULL);
    return x;
}

static int setup(void **state) {
    atomic_store(&nrecords, 0);
    return 0;
}

static void assert_idle(thread_t *ts) {
    assert_int_equal(ts->trash.depth, 0);
    assert_null(ts->trash.head);
    assert_null(ts->trash.tail);
    assert_int_equal(trashcan_pending(ts), 0);
}

// ---- one thread ---------------------------------------------------------------------

// A dealloc runs at depth 1 and leaves the counter at 0.
static void test_depth_counts_nesting(void **state) {
    thread_t *ts = thread_current();
    assert_idle(ts);
    DECREF(chain(0, 3, NULL));
    assert_int_equal(nrecords, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(records[i].id, i);
        assert_int_equal(records[i].depth, i + 1);
        assert_int_equal(records[i].tid, current_tid());
        assert_int_equal(records[i].local, 0);
    }
    assert_idle(ts);
}

// A chain ten times the limit: nesting never exceeds TRASHCAN_DEPTH, every
// node is freed, in chain order, and a put-off node gets its header back.
static void test_long_chain_is_bounded(void **state) {
    enum { N = 10 * TRASHCAN_DEPTH + 7 };
    thread_t *ts = thread_current();
    DECREF(chain(0, N, NULL));
    assert_int_equal(nrecords, N);
    uint32_t max = 0;
    for (int i = 0; i < N; i++) {
        assert_int_equal(records[i].id, i);
        assert_int_equal(records[i].tid, current_tid());
        assert_int_equal(records[i].local, 0);
        if (records[i].depth > max) max = records[i].depth;
        // Every TRASHCAN_DEPTH-th node is put off and restarts at depth 1
        // (the outermost level, which drains it).
        assert_int_equal(records[i].depth, (uint32_t)(i % TRASHCAN_DEPTH) + 1);
    }
    assert_int_equal(max, TRASHCAN_DEPTH);
    assert_idle(ts);
}

// Put-off objects run in the order an unbounded recursion would have
// started them: siblings left to right, and what one of them puts off
// before its next sibling.
//
//   S1 -> S2 -> ... -> S[L]           (L = TRASHCAN_DEPTH: S[L] runs at the limit)
//   S[L] -> C0, C1, C2                (all three put off)
//   C0 -> D1 -> ... -> D[L+5]         (D[L] is put off again, while draining)
//   C2 -> E
static void test_drain_order_is_depth_first(void **state) {
    enum { L = TRASHCAN_DEPTH, M = TRASHCAN_DEPTH + 5 };
    enum { S = 1000, C = 2000, D = 3000, E = 4000 };
    thread_t *ts = thread_current();
    obj_t *c0 = node(C + 0, chain(D + 1, M, NULL), NULL, NULL);
    obj_t *c1 = node(C + 1, NULL, NULL, NULL);
    obj_t *c2 = node(C + 2, node(E, NULL, NULL, NULL), NULL, NULL);
    obj_t *last = node(S + L, c0, c1, c2);
    obj_t *head = chain(S + 1, L - 1, last);

    DECREF(head);

    int want_id[L + 3 + M + 1];
    uint32_t want_depth[L + 3 + M + 1];
    int n = 0;
    for (int i = 1; i <= L; i++) {
        want_id[n] = S + i;
        want_depth[n++] = (uint32_t)i;
    }
    want_id[n] = C + 0;
    want_depth[n++] = 1;
    for (int j = 1; j <= M; j++) {
        want_id[n] = D + j;
        want_depth[n++] = j < L ? (uint32_t)j + 1 : (uint32_t)(j - L + 1);
    }
    want_id[n] = C + 1;
    want_depth[n++] = 1;
    want_id[n] = C + 2;
    want_depth[n++] = 1;
    want_id[n] = E;
    want_depth[n++] = 2;

    assert_int_equal(nrecords, n);
    for (int i = 0; i < n; i++) {
        assert_int_equal(records[i].id, want_id[i]);
        assert_int_equal(records[i].depth, want_depth[i]);
    }
    assert_idle(ts);
}

// While put off, an object keeps its type, shared count and GC bits; its
// ob_tid comes back as it was at death: this thread's id, or 0 for an
// object that was merged (counted in ob_ref_shared only).
static void test_header_is_restored(void **state) {
    thread_t *ts = thread_current();
    obj_t *owned = node(1, NULL, NULL, NULL);
    obj_t *merged = node(2, NULL, NULL, NULL);
    atomic_fetch_or(&merged->ob_gc_bits, GC_SHARED);
    assert_int_equal(brc_explicit_merge(merged, 0), 1); // tid 0, shared count 1

    ts->trash.depth = TRASHCAN_DEPTH; // as if deep inside deallocs
    DECREF(owned);
    DECREF(merged); // count 0, merged: put off too
    assert_int_equal(nrecords, 0);
    assert_int_equal(trashcan_pending(ts), 2);
    assert_ptr_equal(ts->trash.head, owned);
    assert_ptr_equal(ts->trash.tail, merged);
    assert_ptr_equal(merged->ob_type, &node_type);
    assert_int_equal(atomic_load(&merged->ob_ref_shared), REF_MERGED);
    assert_true(atomic_load(&merged->ob_gc_bits) & GC_SHARED);
    ts->trash.depth = 0;

    // Thread exit drains what is left.
    trashcan_thread_fini(ts);
    assert_int_equal(nrecords, 2);
    assert_int_equal(records[0].id, 1);
    assert_int_equal(records[0].tid, current_tid());
    assert_int_equal(records[0].local, 0);
    assert_int_equal(records[1].id, 2);
    assert_int_equal(records[1].tid, 0);
    assert_int_equal(records[1].local, 0);
    assert_idle(ts);
}

// A long chain mixing owned and merged nodes: every deferred dealloc sees
// the ob_tid its node died with.
static void test_mixed_owned_and_merged_chain(void **state) {
    enum { N = 4 * TRASHCAN_DEPTH + 3 };
    obj_t *x = NULL;
    for (int i = N - 1; i >= 0; i--) {
        x = node(i, x, NULL, NULL);
        if (i % 3 == 0) brc_explicit_merge(x, 0);
    }
    DECREF(x);
    assert_int_equal(nrecords, N);
    for (int i = 0; i < N; i++) {
        assert_int_equal(records[i].id, i);
        assert_int_equal(records[i].tid, i % 3 == 0 ? 0 : current_tid());
        assert_int_equal(records[i].local, 0);
        assert_true(records[i].depth >= 1 && records[i].depth <= TRASHCAN_DEPTH);
    }
    assert_idle(thread_current());
}

// ---- two threads ----------------------------------------------------------------------

static obj_t *handed;
static uint32_t puppet_tid;

static void step_build(void *arg) {
    handed = chain(0, *(int *)arg, NULL);
    puppet_tid = current_tid();
}
static void step_drop(void *arg) {
    DECREF(handed);
}
static void step_merge_queue(void *arg) {
    brc_merge_queue(thread_current());
}
static void step_check_idle(void *arg) {
    thread_t *ts = thread_current();
    *(bool *)arg = ts->trash.depth == 0 && ts->trash.head == NULL;
}

// The puppet drops a chain it built: the deallocs run on the puppet, within
// its own bound, and leave our state alone.
static void test_other_thread_has_its_own_state(void **state) {
    int n = 5 * TRASHCAN_DEPTH;
    puppet_t p;
    puppet_start(&p);
    puppet_do(&p, step_build, &n);
    thread_current()->trash.depth = 7; // ours must not be used
    puppet_do(&p, step_drop, NULL);
    thread_current()->trash.depth = 0;
    assert_int_equal(nrecords, n);
    for (int i = 0; i < n; i++) {
        assert_int_equal(records[i].id, i);
        assert_int_equal(records[i].tid, puppet_tid);
        assert_true(records[i].depth >= 1 && records[i].depth <= TRASHCAN_DEPTH);
    }
    bool idle = false;
    puppet_do(&p, step_check_idle, &idle);
    assert_true(idle);
    puppet_stop(&p);
    assert_idle(thread_current());
}

// We drop the last reference to a chain the puppet owns: it is queued to
// the puppet, which frees the whole chain when it merges its queue.
static void test_chain_released_by_other_thread(void **state) {
    int n = 5 * TRASHCAN_DEPTH + 1;
    puppet_t p;
    puppet_start(&p);
    puppet_do(&p, step_build, &n);
    DECREF(handed); // not ours: queued to the owner
    assert_int_equal(nrecords, 0);
    puppet_do(&p, step_merge_queue, NULL);
    assert_int_equal(nrecords, n);
    for (int i = 0; i < n; i++) {
        assert_int_equal(records[i].id, i);
        // The head was merged by the queue; the rest died owned.
        assert_int_equal(records[i].tid, i == 0 ? 0 : puppet_tid);
        assert_true(records[i].depth >= 1 && records[i].depth <= TRASHCAN_DEPTH);
    }
    puppet_stop(&p);
    assert_idle(thread_current());
}

// Same, but the owner exits first: we merge and free the chain ourselves.
static void test_chain_of_exited_owner(void **state) {
    int n = 5 * TRASHCAN_DEPTH + 2;
    puppet_t p;
    puppet_start(&p);
    puppet_do(&p, step_build, &n);
    puppet_stop(&p);
    DECREF(handed); // the owner has gone: merged here, count 0, freed here
    assert_int_equal(nrecords, n);
    for (int i = 0; i < n; i++) {
        assert_int_equal(records[i].id, i);
        assert_true(records[i].depth >= 1 && records[i].depth <= TRASHCAN_DEPTH);
    }
    assert_idle(thread_current());
}

int main(void) {
    if (runtime_init(0, NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_depth_counts_nesting, setup),
        cmocka_unit_test_setup(test_long_chain_is_bounded, setup),
        cmocka_unit_test_setup(test_drain_order_is_depth_first, setup),
        cmocka_unit_test_setup(test_header_is_restored, setup),
        cmocka_unit_test_setup(test_mixed_owned_and_merged_chain, setup),
        cmocka_unit_test_setup(test_other_thread_has_its_own_state, setup),
        cmocka_unit_test_setup(test_chain_released_by_other_thread, setup),
        cmocka_unit_test_setup(test_chain_of_exited_owner, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
