/*
 * tests/c/test_complex.c — complex constants in compiled code and in the
 * bytecode cache (core/pyc.c tag 'x'), and the hash invariant
 * hash(complex(x, 0)) == hash(x) at the C level.  The Python-visible
 * behaviour of the type is covered by tests/py/types/complex_*.py.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/eval.h"
#include "core/pyc.h"
#include "core/runtime.h"
#include "objects/code.h"
#include "objects/complex.h"
#include "objects/dict.h"
#include "objects/float.h"
#include "objects/str.h"
#include "objects/tuple.h"

static int setup(void **state) {
    (void)state;
    static char *argv[] = {"test_complex", NULL};
    return runtime_init(1, argv) < 0 ? -1 : 0;
}

static const char source[] = "z = (1+2j, -0j, 1e300j, 3j, -(0j))\n"
                             "def f():\n"
                             "    return 2.5j * 2\n"
                             "w = f()\n"
                             "s = repr(z) + ' ' + repr(w)\n";

static const char expected[] = "((1+2j), (-0-0j), 1e+300j, 3j, (-0-0j)) 5j";

// Counts complex constants of co and its nested tuples and code objects,
// checking each against the same constant of ref bit for bit.
static int same_complex_consts(obj_t *a, obj_t *b) {
    int n = 0;
    if (COMPLEX_EXACT(a)) {
        assert_true(COMPLEX_EXACT(b));
        complex_value_t x = complex_value(a), y = complex_value(b);
        assert_memory_equal(&x, &y, sizeof x);
        return 1;
    }
    if (TUPLE_CHECK(a)) {
        assert_true(TUPLE_CHECK(b));
        assert_int_equal(TUPLE_SIZE(a), TUPLE_SIZE(b));
        for (size_t i = 0; i < TUPLE_SIZE(a); i++)
            n += same_complex_consts(TUPLE_GET(a, i), TUPLE_GET(b, i));
        return n;
    }
    if (CODE_CHECK(a)) {
        assert_true(CODE_CHECK(b));
        return same_complex_consts(((code_t *)a)->consts, ((code_t *)b)->consts);
    }
    return 0;
}

static void run_and_check(obj_t *code) {
    obj_t *g = dict_new();
    assert_non_null(g);
    obj_t *r = eval_code(code, g, g);
    if (!r) err_print();
    assert_non_null(r);
    DECREF(r);
    obj_t *s = dict_get_str(g, "s");
    assert_non_null(s);
    assert_string_equal(str_data(s), expected);
    DECREF(s);
    DECREF(g);
}

static void test_constants_round_trip_through_cache(void **state) {
    (void)state;
    obj_t *code = compile_source(source, strlen(source), "<complex>", "exec");
    if (!code) err_print();
    assert_non_null(code);
    run_and_check(code);
    uint8_t *img;
    size_t len;
    assert_int_equal(pyc_dumps(code, 0, 0, 0, &img, &len), 0);
    obj_t *loaded = pyc_loads(img, len, NULL, 0);
    assert_false(err_occurred());
    assert_non_null(loaded);
    assert_true(same_complex_consts(code, loaded) >= 4);
    run_and_check(loaded);
    DECREF(loaded);
    // Every truncation of the payload is "no cache", never a crash or an
    // exception (a complex constant needs 16 bytes after its tag).
    const uint8_t *payload = img + PYC_HEADER_SIZE;
    size_t plen = len - PYC_HEADER_SIZE;
    for (size_t cut = 0; cut < plen; cut++) {
        obj_t *c = pyc_loads_payload(payload, cut, NULL, PYC_LOAD_NO_INTERN);
        assert_false(err_occurred());
        assert_null(c);
    }
    free(img);
    DECREF(code);
}

static void test_nan_and_signed_zero_survive_the_cache(void **state) {
    (void)state;
    // Built by hand: the compiler folds only what the source spells.
    obj_t *code = compile_source("x = 1j\n", 7, "<complex>", "exec");
    assert_non_null(code);
    code_t *co = (code_t *)code;
    obj_t *nz = complex_from_doubles(NAN, -0.0);
    assert_non_null(nz);
    size_t k = 0;
    for (; k < TUPLE_SIZE(co->consts); k++)
        if (COMPLEX_EXACT(TUPLE_GET(co->consts, k))) break;
    assert_true(k < TUPLE_SIZE(co->consts));
    obj_t *old = TUPLE_GET(co->consts, k);
    TUPLE_SET(co->consts, k, nz);
    uint8_t *img;
    size_t len;
    assert_int_equal(pyc_dumps(code, 0, 0, 0, &img, &len), 0);
    TUPLE_SET(co->consts, k, old);
    obj_t *loaded = pyc_loads(img, len, NULL, 0);
    assert_non_null(loaded);
    obj_t *c = TUPLE_GET(((code_t *)loaded)->consts, k);
    assert_true(COMPLEX_EXACT(c));
    assert_true(isnan(complex_value(c).real));
    assert_true(complex_value(c).imag == 0.0 && signbit(complex_value(c).imag));
    DECREF(nz);
    DECREF(loaded);
    free(img);
    DECREF(code);
}

static void test_hash_of_real_complex_is_hash_of_float(void **state) {
    (void)state;
    const double xs[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1e300, -2.5e-300, INFINITY, -INFINITY, 3.0};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        obj_t *z = complex_from_doubles(xs[i], 0.0);
        obj_t *f = float_from_double(xs[i]);
        assert_non_null(z);
        assert_non_null(f);
        assert_int_equal(obj_hash(z), obj_hash(f));
        DECREF(z);
        DECREF(f);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constants_round_trip_through_cache),
        cmocka_unit_test(test_nan_and_signed_zero_survive_the_cache),
        cmocka_unit_test(test_hash_of_real_complex_is_hash_of_float),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
