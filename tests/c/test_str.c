/*
 * tests/c/test_str.c — unit tests of the text files (objects/str.c,
 * str_methods.c, format.c, bytes.c): UTF-8 length and indexing, repr
 * quoting, interning identity, the builder, the format-spec mini-language,
 * % formatting, str.format, split/join edge cases and the codecs.
 * Expected strings were produced by CPython 3.11 (format(), repr(), %).
 */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/runtime.h"
#include "objects/bytes.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"

static const struct {
    double v;
    const char *spec, *expect;
} float_cases[] = {
    {1234.5678, ",.2f", "1,234.57"},
    {0.0, "", "0.0"},
    {1.0, "", "1.0"},
    {1e+16, "", "1e+16"},
    {1e+16, ".3", "1e+16"},
    {1.5, ".0", "2e+00"},
    {123.0, ".2", "1.2e+02"},
    {3.14159, "10.4", "     3.142"},
    {-2.5, "e", "-2.500000e+00"},
    {1e-07, "g", "1e-07"},
    {123456789.125, ".3g", "1.23e+08"},
    {1e+21, "", "1e+21"},
    {2.675, ".2f", "2.67"},
    {0.5, ".0f", "0"},
    {1.5, ".0f", "2"},
    {2.5, ".0f", "2"},
    {INFINITY, "f", "inf"},
    {NAN, ".2f", "nan"},
    {-INFINITY, "e", "-inf"},
    {1234.5, ",", "1,234.5"},
    {1.234e-06, ".2g", "1.2e-06"},
    {1e+100, ".3", "1e+100"},
    {-0.0, ".1f", "-0.0"},
    {-0.0, "z.1f", "0.0"},
    {5.5, "08.3f", "0005.500"},
    {-5.5, "+08.2f", "-0005.50"},
    {0.1, ".20f", "0.10000000000000000555"},
    {0.3333333333333333, ".17g", "0.33333333333333331"},
    {1.5, "%", "150.000000%"},
    {0.25, ".1%", "25.0%"},
    {1.0, "#g", "1.00000"},
    {10.0, "#.1g", "1.e+01"},
    {1.5, "#.0", "2.e+00"},
    {12345.678, "_.2f", "12_345.68"},
    {INFINITY, "010", "0000000inf"},
    {INFINITY, "=+10", "+      inf"},
    {1.0, "n", "1"},
    {1e+20, "n", "1e+20"},
    {123.456, "*^12.1f", "***123.5****"},
    {-1.0, " ", "-1.0"},
    {1.0, " ", " 1.0"},
    {1e-05, "", "1e-05"},
    {1.23e-05, ".3", "1.23e-05"},
    {1234567.0, "020,.1f", "00,000,001,234,567.0"},
    {0.0001, ".3", "0.0001"},
    {0.0001, "g", "0.0001"},
    {12.0, ".2", "1.2e+01"},
    {33.333333333333336, "", "33.333333333333336"},
    {4.35, "E", "4.350000E+00"},
    {1e+300, "G", "1E+300"},
    {1.5e-10, "f", "0.000000"},
};
static const struct {
    const char *v;
    const char *spec, *expect;
} int_cases[] = {
    {"1234567", ",", "1,234,567"},
    {"1234567", "_", "1_234_567"},
    {"255", "x", "ff"},
    {"255", "X", "FF"},
    {"255", "#x", "0xff"},
    {"8", "#o", "0o10"},
    {"5", "#b", "0b101"},
    {"5", "08b", "00000101"},
    {"42", "=+8d", "+     42"},
    {"-42", "=8d", "-     42"},
    {"5", " d", " 5"},
    {"-5", " d", "-5"},
    {"1234", "010,", "00,001,234"},
    {"1234", "08,", "0,001,234"},
    {"123456789", "_x", "75b_cd15"},
    {"255", "#010x", "0x000000ff"},
    {"97", "c", "a"},
    {"12", "n", "12"},
    {"100", ".2%", "10000.00%"},
    {"3", "f", "3.000000"},
    {"1267650600228229401496703205376", ",", "1,267,650,600,228,229,401,496,703,205,376"},
    {"1267650600228229401496703205376", "e", "1.267651e+30"},
    {"1000000000000000000000000000000", "x", "c9f2c9cd04674edea40000000"},
    {"-1180591620717411303424", "#b",
     "-0b10000000000000000000000000000000000000000000000000000000000000000000000"},
    {"0", "+", "+0"},
    {"-1234", "=+12,d", "-      1,234"},
    {"1234", "x<10,", "1,234xxxxx"},
    {"12", "^7", "  12   "},
    {"12", "*>6", "****12"},
    {"-7", "05", "-0007"},
    {"0", "#o", "0o0"},
    {"18446744073709551616", "X", "10000000000000000"},
};
static const struct {
    const char *v;
    const char *spec, *expect;
} str_cases[] = {
    {"ab", "5", "ab   "},
    {"ab", "<5", "ab   "},
    {"ab", ">5", "   ab"},
    {"ab", "^5", " ab  "},
    {"ab", "*^7", "**ab***"},
    {"abcdef", ".2", "ab"},
    {"abcdef", "8.3", "abc     "},
    {"h\xc3"
     "\xa9"
     "llo",
     "\xe2"
     "\x86"
     "\x92"
     "^9",
     "\xe2"
     "\x86"
     "\x92"
     "\xe2"
     "\x86"
     "\x92"
     "h\xc3"
     "\xa9"
     "llo\xe2"
     "\x86"
     "\x92"
     "\xe2"
     "\x86"
     "\x92"
     ""},
    {"a", "05", "a0000"},
    {"x", "", "x"},
};
static const struct {
    const char *v;
    const char *expect;
} repr_cases[] = {
    {"abc", "'abc'"},
    {"", "''"},
    {"a'b", "\x22"
            "a'b\x22"
            ""},
    {"a\x22"
     "b",
     "'a\x22"
     "b'"},
    {"both ' and \x22"
     "",
     "'both \x5c"
     "' and \x22"
     "'"},
    {"\x0a"
     "\x09"
     "\x0d"
     "\x01"
     "\x7f"
     "\x5c"
     "",
     "'\x5c"
     "n\x5c"
     "t\x5c"
     "r\x5c"
     "x01\x5c"
     "x7f\x5c"
     "\x5c"
     "'"},
    {"\xc3"
     "\xa9"
     "",
     "'\xc3"
     "\xa9"
     "'"},
    {"\xe2"
     "\x9c"
     "\x93"
     "",
     "'\xe2"
     "\x9c"
     "\x93"
     "'"},
    {"\xc2"
     "\x80"
     "",
     "'\x5c"
     "x80'"},
    {"\xe2"
     "\x80"
     "\x8b"
     "",
     "'\x5c"
     "u200b'"},
    {"\xf0"
     "\x9f"
     "\x98"
     "\x80"
     "",
     "'\xf0"
     "\x9f"
     "\x98"
     "\x80"
     "'"},
    {"\xc2"
     "\xa0"
     "",
     "'\x5c"
     "xa0'"},
    {"\xc2"
     "\xad"
     "",
     "'\x5c"
     "xad'"},
    {"\xe6"
     "\x97"
     "\xa5"
     "\xe6"
     "\x9c"
     "\xac"
     "",
     "'\xe6"
     "\x97"
     "\xa5"
     "\xe6"
     "\x9c"
     "\xac"
     "'"},
    {"\x1b"
     "[0m",
     "'\x5c"
     "x1b[0m'"},
    {"\xed"
     "\x9f"
     "\xbf"
     "",
     "'\x5c"
     "ud7ff'"},
    {"\xee"
     "\x80"
     "\x80"
     "",
     "'\x5c"
     "ue000'"},
};

static bool text_is(obj_t *s, const char *e) {
    size_t n = strlen(e);
    return str_nbytes(s) == n && memcmp(str_data(s), e, n) == 0;
}

static int setup(void **state) {
    static char *argv[] = {"test_str", NULL};
    return runtime_init(1, argv) < 0 ? -1 : 0;
}

// Asserts that s (stolen) is a str equal to expect.
#define ASSERT_STR(s, expect)                                                                      \
    do {                                                                                           \
        obj_t *s_ = (s);                                                                           \
        if (!s_) err_print();                                                                      \
        assert_non_null(s_);                                                                       \
        assert_true(STR_CHECK(s_));                                                                \
        if (strcmp(str_data(s_), (expect)) != 0)                                                   \
            fail_msg("got '%s' expected '%s'", str_data(s_), (expect));                            \
        DECREF(s_);                                                                                \
    } while (0)

static obj_t *call(obj_t *self, const char *meth, size_t n, ...) {
    obj_t *args[8];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        args[i] = va_arg(ap, obj_t *);
    va_end(ap);
    return obj_call_method(self, meth, args, n);
}

static void test_utf8_length_index(void **state) {
    obj_t *s = str_from_cstr("h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93\xf0\x9f\x98\x80");
    assert_non_null(s);
    assert_int_equal(str_len(s), 14);
    assert_int_equal(str_nbytes(s), 21);
    assert_false(((str_t *)s)->ascii);
    assert_int_equal(str_char_at(s, 1), 0xe9);
    assert_int_equal(str_char_at(s, 12), 0x2713);
    assert_int_equal(str_char_at(s, 13), 0x1f600);
    ASSERT_STR(obj_getitem(s, SMALLINT_FROM(-1)), "\xf0\x9f\x98\x80");
    ASSERT_STR(obj_getitem(s, SMALLINT_FROM(1)), "\xc3\xa9");
    obj_t *sl = slice_new(SMALLINT_FROM(1), SMALLINT_FROM(8), NULL);
    ASSERT_STR(obj_getitem(s, sl), "\xc3\xa9llo w\xc3\xb6");
    DECREF(sl);
    sl = slice_new(NULL, NULL, SMALLINT_FROM(-3));
    ASSERT_STR(obj_getitem(s, sl), "\xf0\x9f\x98\x80"
                                   "d\xc3\xb6o\xc3\xa9");
    DECREF(sl);
    assert_null(obj_getitem(s, SMALLINT_FROM(14)));
    assert_true(err_matches(exc_IndexError));
    obj_t *e = err_fetch();
    ASSERT_STR(exc_str(e), "string index out of range");
    DECREF(e);
    obj_t *bad = str_from_utf8("a\xff", 2);
    assert_null(bad);
    assert_true(err_matches(exc_UnicodeDecodeError));
    err_clear();
    // One-char ASCII results are the cached singletons.
    obj_t *a = str_from_cstr("abc");
    obj_t *b1 = obj_getitem(a, SMALLINT_FROM(1));
    assert_ptr_equal(b1, str_intern("b"));
    assert_ptr_equal(str_from_cstr(""), str_intern(""));
    DECREF(b1);
    DECREF(a);
    DECREF(s);
}

static void test_repr(void **state) {
    for (size_t i = 0; i < sizeof repr_cases / sizeof repr_cases[0]; i++) {
        obj_t *s = str_from_cstr(repr_cases[i].v);
        assert_non_null(s);
        obj_t *r = str_repr(s);
        assert_non_null(r);
        if (!text_is(r, repr_cases[i].expect))
            fail_msg("repr case %zu: got %s expected %s", i, str_data(r), repr_cases[i].expect);
        DECREF(r);
        DECREF(s);
    }
    obj_t *b = bytes_from("a\0b\xff'\n\\", 7);
    ASSERT_STR(bytes_repr(b), "b\"a\\x00b\\xff'\\n\\\\\"");
    DECREF(b);
    b = bytes_from("it's", 4);
    ASSERT_STR(bytes_repr(b), "b\"it's\"");
    DECREF(b);
}

static void test_interning(void **state) {
    obj_t *a = str_intern("some_identifier");
    obj_t *b = str_intern("some_identifier");
    assert_ptr_equal(a, b);
    assert_true(((str_t *)a)->interned);
    obj_t *dyn = str_from_cstr("some_identifier");
    assert_ptr_not_equal(dyn, a);
    assert_ptr_equal(str_intern_obj(dyn), a);
    assert_true(str_eq(dyn, a));
    assert_int_equal(str_hash(dyn), str_hash(a));
    DECREF(dyn);
    obj_t *c1 = str_from_cstr("x");
    assert_ptr_equal(c1, str_intern("x"));
    // Many interned strings force the table to grow.
    char buf[32];
    obj_t *first = str_intern("intern_0");
    for (int i = 0; i < 5000; i++) {
        snprintf(buf, sizeof buf, "intern_%d", i);
        assert_non_null(str_intern(buf));
    }
    assert_ptr_equal(str_intern("intern_0"), first);
}

// Threads intern the same names concurrently: each name must map to one object.
#define NTHREADS 4
#define NNAMES   3000
static obj_t *seen[NTHREADS][NNAMES];

static void *intern_worker(void *arg) {
    intptr_t t = (intptr_t)arg;
    char buf[32];
    for (int i = 0; i < NNAMES; i++) {
        int k = (int)((i * 7 + t * 13) % NNAMES); // different orders per thread
        snprintf(buf, sizeof buf, "mt_name_%d", k);
        seen[t][k] = str_intern(buf);
    }
    return NULL;
}

static void test_interning_threads(void **state) {
    pthread_t th[NTHREADS];
    for (intptr_t t = 0; t < NTHREADS; t++)
        assert_int_equal(pthread_create(&th[t], NULL, intern_worker, (void *)t), 0);
    for (int t = 0; t < NTHREADS; t++)
        pthread_join(th[t], NULL);
    for (int k = 0; k < NNAMES; k++) {
        char buf[32];
        snprintf(buf, sizeof buf, "mt_name_%d", k);
        assert_true(str_eq_cstr(seen[0][k], buf));
        for (int t = 1; t < NTHREADS; t++)
            assert_ptr_equal(seen[t][k], seen[0][k]);
        assert_ptr_equal(str_intern(buf), seen[0][k]);
    }
}

static void test_builder(void **state) {
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_cstr(&b, "abc");
    str_builder_add_char(&b, '-');
    str_builder_add_codepoint(&b, 0xe9);
    str_builder_add_codepoint(&b, 0x1f600);
    for (int i = 0; i < 100; i++)
        str_builder_printf(&b, "%d", i % 10);
    obj_t *s = str_builder_finish(&b);
    assert_non_null(s);
    assert_int_equal(str_len(s), 4 + 2 + 100);
    assert_memory_equal(str_data(s),
                        "abc-\xc3\xa9\xf0\x9f\x98\x80"
                        "0123",
                        14);
    DECREF(s);
    str_builder_init(&b);
    ASSERT_STR(str_builder_finish(&b), "");
    // str_from_format
    obj_t *x = str_from_cstr("x'y");
    ASSERT_STR(str_from_format("%d|%5s|%-4s|%.2s|%zd|%x|%c|%%|%R|%S|%T|%U|%N|%lld", -3, "ab", "c",
                               "h\xc3\xa9llo", (ssize_t)-7, 255u, 0xe9, x, x, x, x, &str_type,
                               (long long)1 << 40),
               "-3|   ab|c   |h\xc3\xa9|-7|ff|\xc3\xa9|%|\"x'y\"|x'y|str|x'y|str|1099511627776");
    DECREF(x);
}

// Sizes no machine could hold fail at once with MemoryError: the builder
// never grows toward them (nor memcpy's from the small source).
static void test_builder_limits(void **state) {
    assert_true(obj_alloc_too_big(SIZE_MAX / 2));
    assert_false(obj_alloc_too_big(1 << 20));
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_cstr(&b, "abc");
    str_builder_add(&b, "x", SIZE_MAX - 2); // the sum overflows
    assert_true(b.failed);
    str_builder_add_char(&b, 'y'); // a no-op once failed
    assert_null(str_builder_finish(&b));
    assert_true(err_matches(exc_MemoryError));
    err_clear();
    str_builder_init(&b);
    str_builder_add(&b, "x", (size_t)1 << 62);
    assert_null(str_builder_finish(&b));
    assert_true(err_matches(exc_MemoryError));
    err_clear();
    // "%*d" % (2**62, 1): one failed reservation, not 2**62 single chars.
    obj_t *fmt = str_from_cstr("%*d|%s");
    obj_t *args = tuple_pack(3, int_from_i64((int64_t)1 << 62), SMALLINT_FROM(1), fmt);
    assert_null(str_mod_format(fmt, args));
    assert_true(err_matches(exc_MemoryError));
    err_clear();
    DECREF(TUPLE_GET(args, 0));
    DECREF(args);
    DECREF(fmt);
}

static void test_format_specs(void **state) {
    for (size_t i = 0; i < sizeof float_cases / sizeof float_cases[0]; i++) {
        obj_t *spec = str_from_cstr(float_cases[i].spec);
        obj_t *r = format_float(float_cases[i].v, spec);
        if (!r) err_print();
        assert_non_null(r);
        if (!text_is(r, float_cases[i].expect))
            fail_msg("float case %zu format(%.17g, '%s'): got '%s' expected '%s'", i,
                     float_cases[i].v, float_cases[i].spec, str_data(r), float_cases[i].expect);
        DECREF(r);
        DECREF(spec);
    }
    for (size_t i = 0; i < sizeof int_cases / sizeof int_cases[0]; i++) {
        obj_t *spec = str_from_cstr(int_cases[i].spec);
        obj_t *v = int_from_string(int_cases[i].v, strlen(int_cases[i].v), 10);
        assert_non_null(v);
        obj_t *r = format_int(v, spec);
        if (!r) err_print();
        assert_non_null(r);
        if (!text_is(r, int_cases[i].expect))
            fail_msg("int case %zu format(%s, '%s'): got '%s' expected '%s'", i, int_cases[i].v,
                     int_cases[i].spec, str_data(r), int_cases[i].expect);
        DECREF(r);
        DECREF(v);
        DECREF(spec);
    }
    for (size_t i = 0; i < sizeof str_cases / sizeof str_cases[0]; i++) {
        obj_t *spec = str_from_cstr(str_cases[i].spec);
        obj_t *v = str_from_cstr(str_cases[i].v);
        ASSERT_STR(format_str(v, spec), str_cases[i].expect);
        DECREF(v);
        DECREF(spec);
    }
}

static void expect_format_error(obj_t *v, const char *spec, type_t *type, const char *msg) {
    obj_t *sp = str_from_cstr(spec);
    obj_t *r = STR_CHECK(v)   ? format_str(v, sp)
               : INT_CHECK(v) ? format_int(v, sp)
                              : format_float(float_value(v), sp);
    if (r) fail_msg("format spec '%s' gave '%s', expected %s", spec, str_data(r), msg);
    assert_true(err_matches(type));
    obj_t *e = err_fetch();
    ASSERT_STR(exc_str(e), msg);
    DECREF(e);
    DECREF(sp);
}

static void test_format_errors(void **state) {
    obj_t *s = str_from_cstr("a");
    obj_t *f = float_from_double(1.5);
    expect_format_error(s, "d", exc_ValueError, "Unknown format code 'd' for object of type 'str'");
    expect_format_error(s, ",", exc_ValueError, "Cannot specify ',' with 's'.");
    expect_format_error(s, "+", exc_ValueError, "Sign not allowed in string format specifier");
    expect_format_error(s, "=5", exc_ValueError,
                        "'=' alignment not allowed in string format specifier");
    expect_format_error(f, ".f", exc_ValueError, "Format specifier missing precision");
    expect_format_error(f, "d", exc_ValueError,
                        "Unknown format code 'd' for object of type 'float'");
    expect_format_error(SMALLINT_FROM(1), ".2d", exc_ValueError,
                        "Precision not allowed in integer format specifier");
    expect_format_error(SMALLINT_FROM(1), ",x", exc_ValueError, "Cannot specify ',' with 'x'.");
    expect_format_error(SMALLINT_FROM(1), ",_", exc_ValueError, "Cannot specify both ',' and '_'.");
    expect_format_error(SMALLINT_FROM(1), "abc", exc_ValueError,
                        "Invalid format specifier 'abc' for object of type 'int'");
    expect_format_error(SMALLINT_FROM(-1), "c", exc_OverflowError, "%c arg not in range(0x110000)");
    DECREF(s);
    DECREF(f);
}

static void test_percent(void **state) {
    obj_t *fmt = str_from_cstr("%5.1f%%|%-6d|%+05d|%x|%#o|%c|%.3s|%r");
    obj_t *q = str_from_cstr("q"), *abc = str_from_cstr("abcdef"), *f = float_from_double(99.5);
    obj_t *args = tuple_pack(8, f, SMALLINT_FROM(42), SMALLINT_FROM(7), SMALLINT_FROM(255),
                             SMALLINT_FROM(8), SMALLINT_FROM(0x263a), abc, q);
    ASSERT_STR(str_mod_format(fmt, args), " 99.5%|42    |+0007|ff|0o10|\xe2\x98\xba|abc|'q'");
    DECREF(args);
    DECREF(fmt);
    fmt = str_from_cstr("%*d|%-*d|%.*f");
    obj_t *g = float_from_double(1.23456);
    args = tuple_pack(6, SMALLINT_FROM(5), SMALLINT_FROM(1), SMALLINT_FROM(4), SMALLINT_FROM(2),
                      SMALLINT_FROM(2), g);
    ASSERT_STR(str_mod_format(fmt, args), "    1|2   |1.23");
    DECREF(args);
    DECREF(fmt);
    DECREF(g);
    // single non-tuple argument, errors
    fmt = str_from_cstr("%s!");
    ASSERT_STR(str_mod_format(fmt, q), "q!");
    DECREF(fmt);
    fmt = str_from_cstr("%s %s");
    args = tuple_pack(1, q);
    assert_null(str_mod_format(fmt, args));
    obj_t *e = err_fetch();
    ASSERT_STR(exc_str(e), "not enough arguments for format string");
    DECREF(e);
    DECREF(args);
    DECREF(fmt);
    fmt = str_from_cstr("%s");
    args = tuple_pack(2, q, q);
    assert_null(str_mod_format(fmt, args));
    e = err_fetch();
    ASSERT_STR(exc_str(e), "not all arguments converted during string formatting");
    DECREF(e);
    DECREF(args);
    DECREF(fmt);
    fmt = str_from_cstr("%d");
    assert_null(str_mod_format(fmt, q));
    e = err_fetch();
    ASSERT_STR(exc_str(e), "%d format: a real number is required, not str");
    DECREF(e);
    DECREF(fmt);
    fmt = str_from_cstr("%g %g %G %e");
    obj_t *a1 = float_from_double(0.0001), *a2 = float_from_double(1e-5),
          *a3 = float_from_double(1234567), *a4 = float_from_double(12345.678);
    args = tuple_pack(4, a1, a2, a3, a4);
    ASSERT_STR(str_mod_format(fmt, args), "0.0001 1e-05 1.23457E+06 1.234568e+04");
    DECREF(args);
    DECREF(a1);
    DECREF(a2);
    DECREF(a3);
    DECREF(a4);
    DECREF(fmt);
    DECREF(q);
    DECREF(abc);
    DECREF(f);
}

static void test_str_format_method(void **state) {
    obj_t *fmt = str_from_cstr("{0}{1}{0}");
    obj_t *a = str_from_cstr("a"), *b = str_from_cstr("b");
    obj_t *args[3] = {a, b, NULL};
    ASSERT_STR(str_format_method(fmt, args, 2, NULL), "aba");
    DECREF(fmt);
    fmt = str_from_cstr("{:>{w}}|{x!r}|{{}}");
    obj_t *s = str_from_cstr("s");
    obj_t *kw = tuple_pack(2, str_intern("w"), str_intern("x"));
    obj_t *kargs[3] = {SMALLINT_FROM(1), SMALLINT_FROM(4), s};
    ASSERT_STR(str_format_method(fmt, kargs, 1, kw), "   1|'s'|{}");
    DECREF(kw);
    DECREF(fmt);
    fmt = str_from_cstr("{} {}");
    assert_null(str_format_method(fmt, args, 1, NULL));
    assert_true(err_matches(exc_IndexError));
    obj_t *e = err_fetch();
    ASSERT_STR(exc_str(e), "Replacement index 1 out of range for positional args tuple");
    DECREF(e);
    DECREF(fmt);
    fmt = str_from_cstr("{} {0}");
    assert_null(str_format_method(fmt, args, 2, NULL));
    e = err_fetch();
    ASSERT_STR(exc_str(e),
               "cannot switch from automatic field numbering to manual field specification");
    DECREF(e);
    DECREF(fmt);
    DECREF(a);
    DECREF(b);
    DECREF(s);
}

static void test_split_join(void **state) {
    obj_t *s = str_from_cstr("a,b,,c"), *comma = str_from_cstr(",");
    obj_t *r = call(s, "split", 1, comma);
    ASSERT_STR(obj_repr(r), "['a', 'b', '', 'c']");
    DECREF(r);
    DECREF(s);
    s = str_from_cstr("  a  b  ");
    r = call(s, "split", 0);
    ASSERT_STR(obj_repr(r), "['a', 'b']");
    DECREF(r);
    DECREF(s);
    s = str_from_cstr("a b c");
    r = call(s, "split", 2, None, SMALLINT_FROM(1));
    ASSERT_STR(obj_repr(r), "['a', 'b c']");
    DECREF(r);
    r = call(s, "rsplit", 2, None, SMALLINT_FROM(1));
    ASSERT_STR(obj_repr(r), "['a b', 'c']");
    DECREF(r);
    DECREF(s);
    s = str_from_cstr("");
    r = call(s, "split", 0);
    ASSERT_STR(obj_repr(r), "[]");
    DECREF(r);
    r = call(s, "split", 1, comma);
    ASSERT_STR(obj_repr(r), "['']");
    DECREF(r);
    obj_t *empty = str_from_cstr("");
    assert_null(call(s, "split", 1, empty));
    obj_t *e = err_fetch();
    ASSERT_STR(exc_str(e), "empty separator");
    DECREF(e);
    DECREF(empty);
    DECREF(s);
    s = str_from_cstr("x\ny\r\nz\n");
    r = call(s, "splitlines", 0);
    ASSERT_STR(obj_repr(r), "['x', 'y', 'z']");
    DECREF(r);
    r = call(s, "splitlines", 1, True);
    ASSERT_STR(obj_repr(r), "['x\\n', 'y\\r\\n', 'z\\n']");
    DECREF(r);
    DECREF(s);
    // join
    obj_t *dash = str_from_cstr("-");
    obj_t *a = str_from_cstr("a"), *b = str_from_cstr("b");
    obj_t *t = tuple_pack(3, a, b, a);
    ASSERT_STR(str_join(dash, t), "a-b-a");
    DECREF(t);
    t = tuple_pack(0);
    ASSERT_STR(str_join(dash, t), "");
    DECREF(t);
    t = tuple_pack(2, a, SMALLINT_FROM(1));
    assert_null(str_join(dash, t));
    e = err_fetch();
    ASSERT_STR(exc_str(e), "sequence item 1: expected str instance, int found");
    DECREF(e);
    DECREF(t);
    obj_t *eacute = str_from_cstr("\xc3\xa9"), *ab = str_from_cstr("ab");
    r = str_join(eacute, ab);
    assert_int_equal(str_len(r), 3);
    ASSERT_STR(r, "a\xc3\xa9"
                  "b");
    DECREF(eacute);
    DECREF(ab);
    DECREF(a);
    DECREF(b);
    DECREF(dash);
    DECREF(comma);
}

static void test_methods_misc(void **state) {
    obj_t *s = str_from_cstr("Hello W\xc3\xb6rld");
    ASSERT_STR(call(s, "upper", 0), "HELLO W\xc3\x96RLD");
    ASSERT_STR(call(s, "swapcase", 0), "hELLO w\xc3\x96RLD");
    obj_t *o = str_from_cstr("\xc3\xb6");
    {
        obj_t *r = call(s, "find", 1, o);
        assert_ptr_equal(r, SMALLINT_FROM(7));
    }
    DECREF(o);
    obj_t *w = SMALLINT_FROM(15), *star = str_from_cstr("*");
    ASSERT_STR(call(s, "center", 2, w, star), "**Hello W\xc3\xb6rld**");
    DECREF(star);
    DECREF(s);
    s = str_from_cstr("they're bill's friends");
    ASSERT_STR(call(s, "title", 0), "They'Re Bill'S Friends");
    DECREF(s);
    s = str_from_cstr("-42");
    ASSERT_STR(call(s, "zfill", 1, SMALLINT_FROM(6)), "-00042");
    DECREF(s);
    s = str_from_cstr("abcabc");
    obj_t *b = str_from_cstr("b"), *x = str_from_cstr("XY"), *empty = str_from_cstr("");
    ASSERT_STR(call(s, "replace", 2, b, x), "aXYcaXYc");
    ASSERT_STR(call(s, "replace", 3, empty, x, SMALLINT_FROM(2)), "XYaXYbcabc");
    assert_ptr_equal(call(s, "count", 1, b), SMALLINT_FROM(2));
    assert_ptr_equal(call(s, "count", 1, empty), SMALLINT_FROM(7));
    assert_ptr_equal(call(s, "rfind", 1, b), SMALLINT_FROM(4));
    DECREF(b);
    DECREF(x);
    DECREF(empty);
    DECREF(s);
}

static void test_codecs(void **state) {
    obj_t *s = str_from_cstr("h\xc3\xa9llo \xe2\x9c\x93");
    obj_t *b = str_encode(s, "utf-8", "strict");
    assert_int_equal(bytes_len(b), 10);
    ASSERT_STR(bytes_decode(b, "utf-8", "strict"), "h\xc3\xa9llo \xe2\x9c\x93");
    DECREF(b);
    b = str_encode(s, "ascii", "replace");
    ASSERT_STR(bytes_repr(b), "b'h?llo ?'");
    DECREF(b);
    b = str_encode(s, "latin-1", "xmlcharrefreplace");
    ASSERT_STR(bytes_repr(b), "b'h\\xe9llo &#10003;'");
    DECREF(b);
    assert_null(str_encode(s, "latin-1", "strict"));
    obj_t *e = err_fetch();
    ASSERT_STR(exc_str(e), "'latin-1' codec can't encode character '\\u2713' in position 6: "
                           "ordinal not in range(256)");
    DECREF(e);
    DECREF(s);
    b = bytes_from("\xe2\x9c", 2);
    assert_null(bytes_decode(b, "utf-8", "strict"));
    e = err_fetch();
    ASSERT_STR(exc_str(e),
               "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
    DECREF(e);
    DECREF(b);
    b = bytes_from("ab\xff"
                   "cd\xc3",
                   6);
    ASSERT_STR(bytes_decode(b, "utf-8", "replace"), "ab\xef\xbf\xbd"
                                                    "cd\xef\xbf\xbd");
    ASSERT_STR(bytes_decode(b, "utf-8", "ignore"), "abcd");
    assert_null(bytes_decode(b, "ascii", "strict"));
    e = err_fetch();
    ASSERT_STR(exc_str(e), "'ascii' codec can't decode byte 0xff in position 2: ordinal not in "
                           "range(128)");
    DECREF(e);
    assert_null(bytes_decode(b, "nope", "strict"));
    assert_true(err_matches(exc_LookupError));
    err_clear();
    DECREF(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_length_index),
        cmocka_unit_test(test_repr),
        cmocka_unit_test(test_interning),
        cmocka_unit_test(test_interning_threads),
        cmocka_unit_test(test_builder),
        cmocka_unit_test(test_builder_limits),
        cmocka_unit_test(test_format_specs),
        cmocka_unit_test(test_format_errors),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_str_format_method),
        cmocka_unit_test(test_split_join),
        cmocka_unit_test(test_methods_misc),
        cmocka_unit_test(test_codecs),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
