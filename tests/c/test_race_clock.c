/*
 * tests/c/test_race_clock.c — the vector clocks and the per-location shadow
 * state machine of the -X race detector (threads/race_clock.h): joins,
 * happens-before by epoch, write-read and read-write conflicts, the
 * read-shared state, unordered writes not being conflicts, and the lock
 * protocol (release joins then ticks, acquire joins) built from them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "threads/race_clock.h"

#define NT 4

typedef struct {
    race_vc_t c[NT]; // each thread's clock
    race_vc_t lock;  // one lock's clock
    race_shadow_t x; // one location
    race_conflict_t out[8];
} world_t;

static void world_init(world_t *w) {
    memset(w, 0, sizeof *w);
    for (uint32_t t = 0; t < NT; t++)
        assert_int_equal(race_vc_set(&w->c[t], t, 1), 0);
}

static void world_free(world_t *w) {
    for (int t = 0; t < NT; t++)
        race_vc_free(&w->c[t]);
    race_vc_free(&w->lock);
    race_shadow_free(&w->x);
}

static void tick(world_t *w, uint32_t t) {
    race_vc_set(&w->c[t], t, race_vc_get(&w->c[t], t) + 1);
}

// Lock protocol, as threads/race.c runs it.
static void release(world_t *w, uint32_t t) {
    assert_int_equal(race_vc_join(&w->lock, &w->c[t]), 0);
    tick(w, t);
}

static void acquire(world_t *w, uint32_t t) {
    assert_int_equal(race_vc_join(&w->c[t], &w->lock), 0);
}

// Thread start: the child's clock is the parent's, plus its own entry.
static void start(world_t *w, uint32_t parent, uint32_t child) {
    uint32_t own = race_vc_get(&w->c[child], child);
    assert_int_equal(race_vc_copy(&w->c[child], &w->c[parent]), 0);
    race_vc_set(&w->c[child], child, own);
    tick(w, parent);
}

static int rd(world_t *w, uint32_t t, uint64_t stack) {
    return race_shadow_read(&w->x, t, &w->c[t], stack, w->out, 8);
}

static int wr(world_t *w, uint32_t t, uint64_t stack) {
    return race_shadow_write(&w->x, t, &w->c[t], stack, w->out, 8);
}

static void test_vc_join_copy_get(void **state) {
    (void)state;
    race_vc_t a = {0}, b = {0};
    assert_int_equal(race_vc_get(&a, 7), 0);
    race_vc_set(&a, 0, 3);
    race_vc_set(&a, 5, 2);
    race_vc_set(&b, 1, 4);
    race_vc_set(&b, 5, 1);
    race_vc_set(&b, 9, 6);
    assert_int_equal(race_vc_join(&a, &b), 0);
    assert_int_equal(race_vc_get(&a, 0), 3);
    assert_int_equal(race_vc_get(&a, 1), 4);
    assert_int_equal(race_vc_get(&a, 5), 2); // max, not overwrite
    assert_int_equal(race_vc_get(&a, 9), 6);
    assert_int_equal(race_vc_get(&a, 8), 0);
    race_vc_t c = {0};
    race_vc_set(&c, 20, 1);
    assert_int_equal(race_vc_copy(&c, &b), 0);
    assert_int_equal(race_vc_get(&c, 20), 0); // copy drops entries b lacks
    assert_int_equal(race_vc_get(&c, 9), 6);
    assert_true(race_epoch_hb((race_epoch_t){9, 6}, &c));
    assert_false(race_epoch_hb((race_epoch_t){9, 7}, &c));
    race_vc_free(&a);
    race_vc_free(&b);
    race_vc_free(&c);
}

// Two threads, no synchronization: write then read is a conflict, and so
// is read then write; the conflict names the earlier access.
static void test_unordered_write_read_and_read_write(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    assert_int_equal(wr(&w, 1, 111), 0);
    assert_int_equal(rd(&w, 2, 222), 1);
    assert_true(w.out[0].prev_write);
    assert_int_equal(w.out[0].prev.tid, 1);
    assert_int_equal(w.out[0].prev_stack, 111);
    world_free(&w);

    world_init(&w);
    assert_int_equal(rd(&w, 1, 111), 0);
    assert_int_equal(wr(&w, 2, 222), 1);
    assert_false(w.out[0].prev_write);
    assert_int_equal(w.out[0].prev.tid, 1);
    assert_int_equal(w.out[0].prev_stack, 111);
    world_free(&w);
}

// Python's single operations are atomic: two unordered writes are not a
// conflict by themselves.
static void test_unordered_writes_are_not_a_conflict(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    assert_int_equal(wr(&w, 1, 1), 0);
    assert_int_equal(wr(&w, 2, 2), 0);
    assert_int_equal(wr(&w, 3, 3), 0);
    world_free(&w);
}

// The lost update: both threads read, then both write.
static void test_lost_update(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    assert_int_equal(rd(&w, 1, 10), 0);
    assert_int_equal(rd(&w, 2, 20), 0); // read-shared now
    assert_int_equal(wr(&w, 1, 11), 1); // thread 2's read is unordered
    assert_int_equal(w.out[0].prev.tid, 2);
    assert_int_equal(w.out[0].prev_stack, 20);
    world_free(&w);
}

// The same accesses under a lock: no conflict.
static void test_lock_orders_accesses(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    for (int round = 0; round < 3; round++)
        for (uint32_t t = 1; t < NT; t++) {
            acquire(&w, t);
            assert_int_equal(rd(&w, t, t), 0);
            assert_int_equal(wr(&w, t, t), 0);
            release(&w, t);
        }
    world_free(&w);
}

// Release ticks the releaser: what it does after the release is not
// ordered before the acquirer.
static void test_access_after_release_is_unordered(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    acquire(&w, 1);
    release(&w, 1);
    assert_int_equal(wr(&w, 1, 5), 0); // after the release
    acquire(&w, 2);
    assert_int_equal(rd(&w, 2, 6), 1);
    world_free(&w);
}

// Thread start orders the parent's earlier accesses before the child's,
// not the parent's later ones.
static void test_thread_start(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    assert_int_equal(wr(&w, 0, 1), 0);
    start(&w, 0, 1);
    assert_int_equal(rd(&w, 1, 2), 0); // the write before start is ordered
    assert_int_equal(wr(&w, 0, 3), 1); // the parent goes on unordered: read-write
    world_free(&w);
}

// Several unordered readers: a write conflicts with each of them.
static void test_read_shared(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    assert_int_equal(rd(&w, 1, 1), 0);
    assert_int_equal(rd(&w, 2, 2), 0);
    assert_int_equal(rd(&w, 3, 3), 0);
    assert_non_null(w.x.rs);
    assert_int_equal(wr(&w, 0, 9), 3);
    assert_null(w.x.rs); // reads before the write are forgotten
    // Reads ordered after the write (through the lock) do not conflict.
    release(&w, 0);
    acquire(&w, 1);
    assert_int_equal(rd(&w, 1, 4), 0);
    world_free(&w);
}

// A read by the same thread at the same epoch changes nothing; a thread's
// own accesses never conflict.
static void test_same_thread(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(rd(&w, 1, 1), 0);
        assert_int_equal(wr(&w, 1, 1), 0);
    }
    assert_null(w.x.rs);
    assert_int_equal(w.x.w.tid, 1);
    world_free(&w);
}

// A reader that joined the writer's epoch is ordered after it from then on.
static void test_join_after_report(void **state) {
    (void)state;
    world_t w;
    world_init(&w);
    assert_int_equal(wr(&w, 1, 1), 0);
    assert_int_equal(rd(&w, 2, 2), 1);
    race_vc_set(&w.c[2], w.out[0].prev.tid, w.out[0].prev.clock);
    assert_int_equal(wr(&w, 2, 3), 0);
    assert_int_equal(rd(&w, 2, 4), 0);
    world_free(&w);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vc_join_copy_get),
        cmocka_unit_test(test_unordered_write_read_and_read_write),
        cmocka_unit_test(test_unordered_writes_are_not_a_conflict),
        cmocka_unit_test(test_lost_update),
        cmocka_unit_test(test_lock_orders_accesses),
        cmocka_unit_test(test_access_after_release_is_unordered),
        cmocka_unit_test(test_thread_start),
        cmocka_unit_test(test_read_shared),
        cmocka_unit_test(test_same_thread),
        cmocka_unit_test(test_join_after_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
