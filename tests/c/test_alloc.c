/*
 * tests/c/test_alloc.c — the allocator the build claims (core/config.h
 * PVM_USE_JEMALLOC) is the one objects come from: with jemalloc linked as
 * the process allocator, this thread's allocation counter grows by what
 * obj_alloc and malloc hand out; without it, the build must not link it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/runtime.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/object.h"
#include "threads/thread.h"

// jemalloc's control interface; weak, so the test links without jemalloc.
extern int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
    __attribute__((weak));

static uint64_t thread_allocated(void) {
    uint64_t v = 0;
    size_t len = sizeof v;
    assert_int_equal(mallctl("thread.allocated", &v, &len, NULL, 0), 0);
    return v;
}

static void test_objects_come_from_the_configured_allocator(void **state) {
    (void)state;
#if PVM_USE_JEMALLOC
    assert_non_null(mallctl); // linked
    const char *version = NULL;
    size_t len = sizeof version;
    assert_int_equal(mallctl("version", &version, &len, NULL, 0), 0);
    assert_non_null(version);
    uint64_t before = thread_allocated();
    void *p = malloc(1 << 20);
    assert_non_null(p);
    assert_true(thread_allocated() - before >= (1u << 20)); // malloc is jemalloc's
    free(p);
    before = thread_allocated();
    obj_t *l = list_new(100000);
    assert_non_null(l);
    assert_true(thread_allocated() - before >= 100000 * sizeof(obj_t *)); // and objects'
    DECREF(l);
#else
    assert_null(mallctl); // sanitizer builds: the system allocator only
#endif
}

static int setup(void **state) {
    (void)state;
    if (thread_current() == NULL && thread_attach() == NULL) return -1;
    return types_init() < 0 || exceptions_init() < 0 ? -1 : 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_objects_come_from_the_configured_allocator),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
