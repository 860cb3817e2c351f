/*
 * tests/c/test_ssl_cfg.c — the configuration lock of an _ssl._SSLContext
 * (modules/ssl_internal.h): setters hold it exclusively, SSL calls that
 * read the context hold it shared, a setter on a context its own thread
 * holds shared runs without it instead of waiting for itself, and a
 * thread holding it exclusively may still read.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/runtime.h"
#include "modules/ssl_internal.h"

static void ctx_init(sslctx_t *c) {
    memset(c, 0, sizeof *c);
    pthread_rwlock_init(&c->cfg, NULL);
}

// True when no thread holds c's lock in any mode.
static bool ctx_free(sslctx_t *c) {
    if (pthread_rwlock_trywrlock(&c->cfg) != 0) return false;
    pthread_rwlock_unlock(&c->cfg);
    return true;
}

static void test_setter_takes_lock_exclusively(void **state) {
    sslctx_t c;
    ctx_init(&c);
    assert_true(ssl_ctx_write_begin(&c));
    assert_int_not_equal(pthread_rwlock_tryrdlock(&c.cfg), 0);
    ssl_ctx_write_end(&c, true);
    assert_true(ctx_free(&c));
}

static void test_setter_inside_own_read_runs_without(void **state) {
    sslctx_t a, b;
    ctx_init(&a);
    ctx_init(&b);
    ssl_ctx_read_begin(&a);
    ssl_ctx_read_begin(&a); // an SNI callback switching to the same context
    assert_false(ssl_ctx_write_begin(&a));
    ssl_ctx_write_end(&a, false);
    assert_true(ssl_ctx_write_begin(&b)); // another context is not held
    ssl_ctx_write_end(&b, true);
    ssl_ctx_read_end(&a);
    assert_false(ssl_ctx_write_begin(&a)); // still held once
    ssl_ctx_read_end(&a);
    assert_true(ctx_free(&a));
    assert_true(ssl_ctx_write_begin(&a));
    ssl_ctx_write_end(&a, true);
}

static void test_read_inside_own_write(void **state) {
    sslctx_t c;
    ctx_init(&c);
    assert_true(ssl_ctx_write_begin(&c));
    ssl_ctx_read_begin(&c); // EDEADLK: already exclusive
    ssl_ctx_read_end(&c);   // must not release the setter's hold
    assert_int_not_equal(pthread_rwlock_tryrdlock(&c.cfg), 0);
    ssl_ctx_write_end(&c, true);
    assert_true(ctx_free(&c));
}

static void test_deep_nesting_releases_everything(void **state) {
    enum { N = 12 }; // past the remembered depth
    sslctx_t c[N];
    for (int i = 0; i < N; i++) {
        ctx_init(&c[i]);
        ssl_ctx_read_begin(&c[i]);
    }
    for (int i = N - 1; i >= 0; i--) {
        assert_false(ctx_free(&c[i]));
        ssl_ctx_read_end(&c[i]);
        assert_true(ctx_free(&c[i]));
    }
}

static sslctx_t shared_ctx;
static atomic_int writer_in;

static void *writer(void *arg) {
    bool t = ssl_ctx_write_begin(&shared_ctx);
    atomic_store(&writer_in, t ? 1 : -1);
    ssl_ctx_write_end(&shared_ctx, t);
    return NULL;
}

static void test_setter_waits_for_other_threads_reads(void **state) {
    ctx_init(&shared_ctx);
    atomic_store(&writer_in, 0);
    ssl_ctx_read_begin(&shared_ctx);
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    usleep(50 * 1000);
    assert_int_equal(atomic_load(&writer_in), 0); // waiting for the reader
    ssl_ctx_read_end(&shared_ctx);
    pthread_join(t, NULL);
    assert_int_equal(atomic_load(&writer_in), 1);
    assert_true(ctx_free(&shared_ctx));
}

int main(void) {
    if (runtime_init(0, NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_setter_takes_lock_exclusively),
        cmocka_unit_test(test_setter_inside_own_read_runs_without),
        cmocka_unit_test(test_read_inside_own_write),
        cmocka_unit_test(test_deep_nesting_releases_everything),
        cmocka_unit_test(test_setter_waits_for_other_threads_reads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
