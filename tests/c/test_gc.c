/*
 * tests/c/test_gc.c — the cycle collector's state machine (gc/gc.h,
 * gc/collect.c): containers are tracked at allocation and untracked when
 * they die, registries are compacted by a collection (every surviving head
 * points at a slot holding its object), unreachable cycles are freed and
 * reachable ones kept, and a collection runs while a second thread is
 * attached (parked at its eval breaker) and after it exits, collecting the
 * cycles that thread made.  An automatic collection never starts inside
 * gc_finalizer_enter/exit; it is asked for again at the outermost exit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>

#include "core/runtime.h"
#include "gc/gc.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/method.h"
#include "objects/list.h"
#include "threads/thread.h"

typedef struct {
    obj_t ob;
    int id;
    obj_t *kids[2];
} node_t;

#define MAX_DEAD 20000
static _Atomic int ndead;
// id + 1 of each dead node, 0 while its slot is reserved but not yet
// written (atomics: a dealloc on another thread writes them).
static _Atomic int dead_ids[MAX_DEAD];
static _Atomic int tracked_at_death; // deallocs that saw their object still tracked

static void node_dealloc(obj_t *o) {
    node_t *n = (node_t *)o;
    if (gc_is_tracked(o)) atomic_fetch_add(&tracked_at_death, 1);
    int i = atomic_fetch_add(&ndead, 1);
    if (i < MAX_DEAD) atomic_store(&dead_ids[i], n->id + 1);
    XDECREF(n->kids[0]);
    XDECREF(n->kids[1]);
    obj_free(o);
}

static int node_traverse(obj_t *o, visitproc visit, void *arg) {
    node_t *n = (node_t *)o;
    for (int k = 0; k < 2; k++)
        if (n->kids[k] != NULL) {
            int r = visit(n->kids[k], arg);
            if (r) return r;
        }
    return 0;
}

static int node_clear(obj_t *o) {
    node_t *n = (node_t *)o;
    CLEAR(n->kids[0]);
    CLEAR(n->kids[1]);
    return 0;
}

static type_t node_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "gc_node",
    .basicsize = sizeof(node_t),
    .dealloc = node_dealloc,
    .traverse = node_traverse,
    .clear = node_clear,
};

static obj_t *node(int id) {
    node_t *n = (node_t *)obj_alloc(&node_type, sizeof(node_t));
    assert_non_null(n);
    n->id = id;
    return (obj_t *)n;
}

// a <-> b, both references counted.
static void link2(obj_t *a, obj_t *b) {
    ((node_t *)a)->kids[0] = NEWREF(b);
    ((node_t *)b)->kids[0] = NEWREF(a);
}

static bool died(int id) {
    int n = atomic_load(&ndead);
    for (int i = 0; i < n && i < MAX_DEAD; i++)
        if (atomic_load(&dead_ids[i]) == id + 1) return true;
    return false;
}

static int setup_once(void **state) {
    (void)state;
    if (thread_current() == NULL && thread_attach() == NULL) return -1;
    if (types_init() < 0 || exceptions_init() < 0) return -1;
    atomic_store(&gc_enabled, false); // collections only when a test asks
    return 0;
}

static void test_tracked_until_death(void **state) {
    (void)state;
    obj_t *a = node(1);
    assert_true(gc_has_head(a));
    assert_true(gc_is_tracked(a));
    assert_ptr_equal(atomic_load(gc_head_of(a)->slot), a);
    atomic_store(&tracked_at_death, 0);
    DECREF(a);
    assert_true(died(1));
    assert_int_equal(atomic_load(&tracked_at_death), 0); // untracked before its dealloc
}

static void test_cycle_collected(void **state) {
    (void)state;
    gc_collect(2);
    obj_t *a = node(10), *b = node(11);
    link2(a, b);
    DECREF(a);
    DECREF(b);
    assert_false(died(10));
    assert_int_equal(gc_collect(2), 2);
    assert_true(died(10));
    assert_true(died(11));
    assert_int_equal(gc_collect(2), 0);
}

static void test_reachable_cycle_kept(void **state) {
    (void)state;
    obj_t *a = node(20), *b = node(21), *holder = node(22);
    link2(a, b);
    ((node_t *)holder)->kids[1] = a; // steals a
    DECREF(b);
    assert_int_equal(gc_collect(2), 0);
    assert_false(died(20));
    assert_ptr_equal(((node_t *)b)->kids[0], a);
    DECREF(holder); // holder dies by count; the cycle is now garbage
    assert_true(died(22));
    assert_false(died(20));
    assert_int_equal(gc_collect(2), 2);
    assert_true(died(20));
    assert_true(died(21));
}

static void test_compaction(void **state) {
    (void)state;
    enum { N = 5000 };
    static obj_t *objs[N];
    for (int i = 0; i < N; i++)
        objs[i] = node(1000 + i);
    for (int i = 0; i < N; i += 2)
        DECREF(objs[i]);
    gc_collect(2);
    for (int i = 1; i < N; i += 2) {
        assert_true(gc_is_tracked(objs[i]));
        assert_ptr_equal(atomic_load(gc_head_of(objs[i])->slot), objs[i]);
    }
    // Holes are reused: allocating again keeps every head consistent.
    for (int i = 0; i < N; i += 2)
        objs[i] = node(1000 + i);
    for (int i = 0; i < N; i++)
        assert_ptr_equal(atomic_load(gc_head_of(objs[i])->slot), objs[i]);
    size_t n;
    obj_t **all = gc_all_objects(&n);
    assert_non_null(all);
    size_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (TYPE(all[i]) == &node_type && ((node_t *)all[i])->id >= 1000) seen++;
        DECREF(all[i]);
    }
    free(all);
    assert_int_equal(seen, N);
    for (int i = 0; i < N; i++)
        DECREF(objs[i]);
}

static _Atomic int phase, quit;

// Makes a garbage cycle, then runs its eval breaker (so it parks for the
// main thread's pauses) until told to exit, leaving a second cycle behind.
static void *worker(void *arg) {
    (void)arg;
    thread_t *ts = thread_attach();
    obj_t *a = node(30), *b = node(31);
    link2(a, b);
    DECREF(a);
    DECREF(b);
    obj_t *c = node(32), *d = node(33);
    link2(c, d);
    DECREF(c);
    DECREF(d);
    atomic_store(&phase, 1);
    while (!atomic_load(&quit))
        assert_int_equal(thread_handle_eval_breaker(ts), 0);
    thread_detach();
    return NULL;
}

// The worker owns its objects: the collector's last decrements go to its
// merge queue and it frees them at its next eval breaker.
static void await_death(int id) {
    thread_block_begin();
    for (int i = 0; i < 5000 && !died(id); i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    thread_block_end();
}

static void test_collect_with_second_thread(void **state) {
    (void)state;
    atomic_store(&phase, 0);
    atomic_store(&quit, 0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, worker, NULL), 0);
    thread_block_begin();
    while (atomic_load(&phase) != 1) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    thread_block_end();
    // Both of the worker's cycles are garbage: collected while it runs.
    assert_int_equal(gc_collect(2), 4);
    for (int id = 30; id <= 33; id++)
        await_death(id);
    assert_true(died(30) && died(31) && died(32) && died(33));
    // A cycle whose registry outlives its thread.
    atomic_store(&quit, 1);
    thread_block_begin();
    pthread_join(t, NULL);
    thread_block_end();
    obj_t *x = node(40), *y = node(41);
    link2(x, y);
    DECREF(x);
    DECREF(y);
    assert_int_equal(gc_collect(2), 2);
    assert_true(died(40) && died(41));
}

static void test_freeze(void **state) {
    (void)state;
    obj_t *a = node(50), *b = node(51);
    link2(a, b);
    gc_freeze();
    assert_true(gc_freeze_count() >= 2);
    DECREF(a);
    DECREF(b);
    assert_int_equal(gc_collect(2), 0); // frozen objects are never candidates
    assert_false(died(50));
    gc_unfreeze();
    assert_int_equal(gc_freeze_count(), 0);
    assert_int_equal(gc_collect(2), 2);
    assert_true(died(50) && died(51));
}

static bool gc_requested(void) {
    return atomic_load(&thread_current()->eval_breaker) & EB_GC;
}

static void test_no_automatic_collection_in_finalizer(void **state) {
    (void)state;
    enum { N = 400 };
    obj_t *keep[N];
    gc_collect(2);
    int64_t old_threshold = atomic_load(&gc_threshold0);
    atomic_store(&gc_threshold0, 10);
    atomic_store(&gc_enabled, true);
    atomic_fetch_and(&thread_current()->eval_breaker, ~(uint32_t)EB_GC);
    obj_t *a = node(60), *b = node(61);
    link2(a, b);
    DECREF(a);
    DECREF(b);

    gc_finalizer_enter();
    gc_finalizer_enter(); // nested: a callback inside a __del__
    for (int i = 0; i < N; i++)
        keep[i] = node(1000 + i); // far past the threshold
    assert_false(gc_requested());
    gc_collect_scheduled(); // an eval breaker that still saw EB_GC: declines
    assert_false(died(60));
    gc_finalizer_exit();
    assert_false(gc_requested()); // still inside the outer one
    gc_finalizer_exit();
    assert_true(gc_requested()); // asked again at the outermost exit
    assert_int_equal(thread_handle_eval_breaker(thread_current()), 0);
    assert_false(gc_requested());
    assert_true(died(60) && died(61));

    atomic_store(&gc_enabled, false);
    atomic_store(&gc_threshold0, old_threshold);
    for (int i = 0; i < N; i++)
        DECREF(keep[i]);
}

// ---- pacing behind a long collection ------------------------------------------------

static _Atomic int cb_state; // 1: the collection's start callback runs, 2: let it go
static obj_t *hold_start(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self, (void)nargs, (void)kwnames;
    if (strcmp(str_data(args[0]), "start") == 0) {
        atomic_store(&cb_state, 1);
        thread_block_begin();
        while (atomic_load(&cb_state) != 2) {
            struct timespec ts = {0, 200000};
            nanosleep(&ts, NULL);
        }
        thread_block_end();
    }
    return NEWREF(None);
}
static const method_def_t hold_def = {"hold_start", hold_start, 0, NULL};

static void *long_collector(void *arg) {
    (void)arg;
    thread_attach();
    gc_collect(2);
    thread_detach();
    return NULL;
}

// A thread allocating while another thread's collection runs asks for
// nothing until the count is GC_BEHIND (4) times past its due point, then
// paces itself once: it waits (here until the wait's bound, the
// collection being held) and does not ask again for that collection.
static void test_pacing_behind_a_long_collection(void **state) {
    (void)state;
    enum { N = 20000 };
    static obj_t *keep[N];
    gc_collect(2);
    int64_t old_threshold = atomic_load(&gc_threshold0);
    atomic_store(&gc_threshold0, 10);
    atomic_store(&gc_enabled, true);
    obj_t *cbs = list_new(0), *cb = cfunction_new(&hold_def, NULL);
    assert_non_null(cbs);
    assert_non_null(cb);
    assert_int_equal(list_append(cbs, cb), 0);
    obj_t *old_cbs = gc_callbacks_list;
    gc_callbacks_list = cbs;
    atomic_store(&cb_state, 0);
    atomic_fetch_and(&thread_current()->eval_breaker, ~(uint32_t)EB_GC);

    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, long_collector, NULL), 0);
    thread_block_begin();
    while (atomic_load(&cb_state) != 1) {
        struct timespec ts = {0, 200000};
        nanosleep(&ts, NULL);
    }
    thread_block_end();
    // The collection runs (held in its start callback).  Just past the due
    // point: no request, a collection is running.
    int i = 0;
    while (i < N && gc_young_count() < 12) {
        keep[i] = node(2000 + i);
        i++;
    }
    assert_false(gc_requested());
    // Far behind: asked.
    while (i < N && !gc_requested()) {
        keep[i] = node(2000 + i);
        i++;
    }
    assert_true(gc_requested());
    assert_true(gc_young_count() > 4 * 10);
    atomic_fetch_and(&thread_current()->eval_breaker, ~(uint32_t)EB_GC);
    gc_collect_scheduled(); // paces: waits its bounded time, the collection is held
    assert_int_equal(atomic_load(&cb_state), 1);
    // Once per collection: more allocation asks for nothing.
    for (int k = 0; k < 500 && i < N; k++) {
        keep[i] = node(2000 + i);
        i++;
    }
    assert_false(gc_requested());

    atomic_store(&cb_state, 2);
    thread_block_begin();
    pthread_join(t, NULL);
    thread_block_end();
    gc_callbacks_list = old_cbs;
    DECREF(cbs);
    DECREF(cb);
    atomic_store(&gc_enabled, false);
    atomic_store(&gc_threshold0, old_threshold);
    atomic_fetch_and(&thread_current()->eval_breaker, ~(uint32_t)EB_GC);
    for (int k = 0; k < i; k++)
        DECREF(keep[k]);
}

// A young collection (generation 0) examines only objects that have not
// survived a collection; what an old object references looks referenced
// from outside, so a cycle through an old object waits for a full one.
static void test_generations(void **state) {
    (void)state;
    gc_collect(2);
    obj_t *a = node(80);
    assert_int_equal(gc_collect(0), 0); // a survives: promoted
    obj_t *b = node(81);
    link2(a, b);
    DECREF(a);
    DECREF(b);
    obj_t *c = node(82), *d = node(83);
    link2(c, d);
    DECREF(c);
    DECREF(d);
    assert_int_equal(gc_collect(0), 2); // only the young cycle
    assert_true(died(82) && died(83));
    assert_false(died(80) || died(81));
    assert_int_equal(gc_collect(1), 0); // b was promoted; still young-only
    assert_false(died(80) || died(81));
    assert_int_equal(gc_collect(2), 2); // full
    assert_true(died(80) && died(81));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tracked_until_death),
        cmocka_unit_test(test_cycle_collected),
        cmocka_unit_test(test_reachable_cycle_kept),
        cmocka_unit_test(test_compaction),
        cmocka_unit_test(test_collect_with_second_thread),
        cmocka_unit_test(test_freeze),
        cmocka_unit_test(test_no_automatic_collection_in_finalizer),
        cmocka_unit_test(test_pacing_behind_a_long_collection),
        cmocka_unit_test(test_generations),
    };
    return cmocka_run_group_tests(tests, setup_once, NULL);
}
