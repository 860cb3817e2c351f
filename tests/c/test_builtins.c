/*
 * tests/c/test_builtins.c — unit tests of the builtins module and sys
 * (core/builtins.c, core/builtins_funcs.c, core/sysmodule.c) called through
 * the C API: argument binding of sorted/min/max/sum, their error messages
 * (CPython 3.11's texts), round's fallbacks, sys.version_info and the
 * recursion limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/runtime.h"
#include "core/sysmodule.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"

static int setup(void **state) {
    static char *argv[] = {"test_builtins", NULL};
    return runtime_init(1, argv) < 0 ? -1 : 0;
}

static obj_t *builtin(const char *name) {
    obj_t *f = dict_get_str(pvm_rt.builtins_dict, name);
    assert_non_null(f);
    return f;
}

// Calls builtins.<name>(*args, **kw) where kw is "k1", v1, "k2", v2 ...
static obj_t *call(const char *name, size_t nargs, obj_t **args, size_t nkw, ...) {
    obj_t *all[16];
    assert_true(nargs + nkw <= 16);
    for (size_t i = 0; i < nargs; i++)
        all[i] = args[i];
    obj_t *kwnames = NULL;
    if (nkw > 0) {
        kwnames = tuple_new(nkw);
        va_list ap;
        va_start(ap, nkw);
        for (size_t i = 0; i < nkw; i++) {
            TUPLE_SET(kwnames, i, str_from_cstr(va_arg(ap, const char *)));
            all[nargs + i] = va_arg(ap, obj_t *);
        }
        va_end(ap);
    }
    obj_t *f = builtin(name);
    obj_t *r = obj_call(f, all, nargs, kwnames);
    XDECREF(kwnames);
    DECREF(f);
    return r;
}

static void expect_error(type_t *type, const char *msg) {
    obj_t *exc = err_fetch();
    assert_non_null(exc);
    if (!type_is_subtype(TYPE(exc), type))
        fail_msg("expected %s, got %s", type->name, TYPE(exc)->name);
    obj_t *s = obj_str(exc);
    assert_non_null(s);
    if (strcmp(str_data(s), msg) != 0) fail_msg("got '%s' expected '%s'", str_data(s), msg);
    DECREF(s);
    DECREF(exc);
}

static void assert_repr(obj_t *v, const char *expect) {
    assert_non_null(v);
    obj_t *r = obj_repr(v);
    assert_non_null(r);
    if (strcmp(str_data(r), expect) != 0) fail_msg("got %s expected %s", str_data(r), expect);
    DECREF(r);
}

static obj_t *int_list(int n, ...) {
    obj_t *l = list_new(0);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        obj_t *v = int_from_i64(va_arg(ap, int));
        assert_int_equal(list_append(l, v), 0);
        DECREF(v);
    }
    va_end(ap);
    return l;
}

static void test_sorted(void **state) {
    obj_t *l = int_list(4, 3, 1, 4, 2);
    obj_t *r = call("sorted", 1, &l, 0);
    assert_repr(r, "[1, 2, 3, 4]");
    DECREF(r);
    r = call("sorted", 1, &l, 1, "reverse", True);
    assert_repr(r, "[4, 3, 2, 1]");
    DECREF(r);
    assert_repr(l, "[3, 1, 4, 2]"); // the argument is not modified
    assert_null(call("sorted", 0, NULL, 0));
    expect_error(exc_TypeError, "sorted expected 1 argument, got 0");
    assert_null(call("sorted", 1, &l, 1, "x", None));
    expect_error(exc_TypeError, "'x' is an invalid keyword argument for sort()");
    DECREF(l);
}

static void test_min_max(void **state) {
    obj_t *l = int_list(3, 5, 9, 2);
    obj_t *r = call("max", 1, &l, 0);
    assert_repr(r, "9");
    r = call("min", 1, &l, 0);
    assert_repr(r, "2");
    obj_t *args[3] = {SMALLINT_FROM(4), SMALLINT_FROM(8), SMALLINT_FROM(-1)};
    assert_repr(call("max", 3, args, 0), "8");
    assert_repr(call("min", 3, args, 0), "-1");
    obj_t *empty = list_new(0);
    assert_null(call("max", 1, &empty, 0));
    expect_error(exc_ValueError, "max() arg is an empty sequence");
    obj_t *d = str_from_cstr("dflt");
    r = call("min", 1, &empty, 1, "default", d);
    assert_ptr_equal(r, d);
    DECREF(r);
    assert_null(call("max", 0, NULL, 0));
    expect_error(exc_TypeError, "max expected at least 1 argument, got 0");
    assert_null(call("max", 2, args, 1, "default", d));
    expect_error(exc_TypeError,
                 "Cannot specify a default for max() with multiple positional arguments");
    obj_t *abs_fn = builtin("abs");
    obj_t *neg = int_list(3, -7, 3, 5);
    assert_repr(call("max", 1, &neg, 1, "key", abs_fn), "-7");
    DECREF(abs_fn);
    DECREF(neg);
    DECREF(d);
    DECREF(empty);
    DECREF(l);
}

static void test_sum(void **state) {
    obj_t *l = int_list(3, 1, 2, 3);
    assert_repr(call("sum", 1, &l, 0), "6");
    obj_t *args[2] = {l, SMALLINT_FROM(10)};
    assert_repr(call("sum", 2, args, 0), "16");
    obj_t *big = int_list(2, 0, 0);
    obj_t *m = int_from_i64(SMALLINT_MAX);
    assert_int_equal(list_set(big, 0, m), 0);
    assert_int_equal(list_set(big, 1, m), 0);
    obj_t *r = call("sum", 1, &big, 0);
    assert_repr(r, "9223372036854775806");
    DECREF(r);
    obj_t *s = str_from_cstr("");
    assert_null(call("sum", 1, &l, 1, "start", s));
    expect_error(exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    obj_t *f = float_from_double(0.5);
    obj_t *fl = list_from_array((obj_t *[]){f, f, SMALLINT_FROM(1)}, 3);
    r = call("sum", 1, &fl, 0);
    assert_repr(r, "2.0");
    DECREF(r);
    DECREF(fl);
    DECREF(f);
    DECREF(s);
    DECREF(m);
    DECREF(big);
    DECREF(l);
}

static void test_misc(void **state) {
    obj_t *c = SMALLINT_FROM(0x41);
    obj_t *r = call("chr", 1, &c, 0);
    assert_repr(r, "'A'");
    obj_t *o = call("ord", 1, &r, 0);
    assert_ptr_equal(o, c);
    DECREF(r);
    obj_t *bad = SMALLINT_FROM(0x110000);
    assert_null(call("chr", 1, &bad, 0));
    expect_error(exc_ValueError, "chr() arg not in range(0x110000)");
    obj_t *two = str_from_cstr("ab");
    assert_null(call("ord", 1, &two, 0));
    expect_error(exc_TypeError, "ord() expected a character, but string of length 2 found");
    assert_null(call("round", 1, &two, 0));
    expect_error(exc_TypeError, "type str doesn't define __round__ method");
    assert_null(call("print", 1, &two, 1, "sep", SMALLINT_FROM(5)));
    expect_error(exc_TypeError, "sep must be None or a string, not int");
    DECREF(two);
    obj_t *v = SMALLINT_FROM(255);
    assert_repr(call("hex", 1, &v, 0), "'0xff'");
    obj_t *f = float_from_double(2.675);
    obj_t *args[2] = {f, SMALLINT_FROM(2)};
    r = call("round", 2, args, 0);
    assert_repr(r, "2.67");
    DECREF(r);
    DECREF(f);
}

static void test_sys(void **state) {
    obj_t *vi = sysmodule_get("version_info");
    assert_repr(vi, "sys.version_info(major=3, minor=11, micro=0, releaselevel='final', serial=0)");
    assert_true(TUPLE_CHECK(vi));
    obj_t *major = obj_getattr_str(vi, "major");
    assert_ptr_equal(major, SMALLINT_FROM(3));
    DECREF(vi);
    obj_t *setlim = obj_getattr_str(pvm_rt.sys, "setrecursionlimit");
    assert_null(obj_call1(setlim, SMALLINT_FROM(0)));
    expect_error(exc_ValueError, "recursion limit must be greater or equal than 1");
    DECREF(setlim);
    obj_t *gil = obj_getattr_str(pvm_rt.sys, "_is_gil_enabled");
    assert_ptr_equal(obj_call0(gil), False);
    DECREF(gil);
    obj_t *out = sysmodule_get("stdout");
    assert_non_null(out);
    DECREF(out);
    // sys.path[0] becomes the script's folder.
    assert_int_equal(sysmodule_set_path0("/tmp/pvm_no_such_dir_q/script.py"), 0);
    obj_t *path = sysmodule_get("path");
    obj_t *p0 = list_get(path, 0);
    assert_true(str_eq_cstr(p0, "/tmp/pvm_no_such_dir_q"));
    DECREF(p0);
    DECREF(path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted), cmocka_unit_test(test_min_max), cmocka_unit_test(test_sum),
        cmocka_unit_test(test_misc),   cmocka_unit_test(test_sys),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
