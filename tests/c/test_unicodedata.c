/*
 * tests/c/test_unicodedata.c — the name database the parser and the codecs
 * share (modules/unicodedata.h): ucd_lookup_char resolves names, computed
 * names and aliases but not named sequences; ucd_char_name gives names,
 * computed names and CPython's private-code-point names of aliases and
 * named sequences; threads that race the lazy build of the name index all
 * get the same answers.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/runtime.h"
#include "modules/unicodedata.h"

static uint32_t lookup(const char *name) {
    uint32_t cp = 0xFFFFFFFF;
    if (!ucd_lookup_char(name, strlen(name), &cp)) return 0xFFFFFFFF;
    return cp;
}

static void *race_lookups(void *arg) {
    (void)arg;
    uintptr_t bad = 0;
    for (int i = 0; i < 200; i++) {
        bad += lookup("SNOWMAN") != 0x2603;
        bad += lookup("grinning face") != 0x1F600;
        char buf[128];
        bad += !ucd_char_name(0xE9, buf) || strcmp(buf, "LATIN SMALL LETTER E WITH ACUTE") != 0;
    }
    return (void *)bad;
}

// Runs first: the index is built by whichever thread asks first.
static void test_racing_first_lookups(void **state) {
    (void)state;
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, race_lookups, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *bad;
        assert_int_equal(pthread_join(t[i], &bad), 0);
        assert_int_equal((uintptr_t)bad, 0);
    }
}

static void test_lookup(void **state) {
    (void)state;
    assert_int_equal(lookup("LATIN SMALL LETTER A"), 'a');
    assert_int_equal(lookup("latin small letter a"), 'a');
    assert_int_equal(lookup("EM DASH"), 0x2014);
    assert_int_equal(lookup("HANGUL SYLLABLE GAG"), 0xAC01);
    assert_int_equal(lookup("CJK UNIFIED IDEOGRAPH-2A6DF"), 0x2A6DF);
    assert_int_equal(lookup("CJK COMPATIBILITY IDEOGRAPH-F900"), 0xF900);
    assert_int_equal(lookup("BYTE ORDER MARK"), 0xFEFF); // alias
    assert_int_equal(lookup("LF"), 0x0A);                // alias
    assert_int_equal(lookup("NULL"), 0);
    // not found: named sequences, wrong case in computed names, near misses
    assert_int_equal(lookup("LATIN CAPITAL LETTER A WITH MACRON AND GRAVE"), 0xFFFFFFFF);
    assert_int_equal(lookup("hangul syllable gag"), 0xFFFFFFFF);
    assert_int_equal(lookup("CJK UNIFIED IDEOGRAPH-A000"), 0xFFFFFFFF);
    assert_int_equal(lookup("TANGUT IDEOGRAPH-17000"), 0xFFFFFFFF);
    assert_int_equal(lookup("EM DASH "), 0xFFFFFFFF);
    assert_int_equal(lookup(""), 0xFFFFFFFF);
    assert_false(ucd_lookup_char("EM DASH", 2, &(uint32_t){0})); // "EM" only
}

static void test_char_name(void **state) {
    (void)state;
    char buf[128];
    assert_true(ucd_char_name(0x2603, buf));
    assert_string_equal(buf, "SNOWMAN");
    assert_true(ucd_char_name(0xD7A3, buf));
    assert_string_equal(buf, "HANGUL SYLLABLE HIH");
    assert_true(ucd_char_name(0x4E00, buf));
    assert_string_equal(buf, "CJK UNIFIED IDEOGRAPH-4E00");
    assert_true(ucd_char_name(0xF0000, buf)); // alias 0, as CPython's namereplace
    assert_string_equal(buf, "NULL");
    assert_true(ucd_char_name(0xF0200, buf)); // named sequence 0
    assert_string_equal(buf, "KEYCAP NUMBER SIGN");
    assert_false(ucd_char_name(0x0378, buf)); // unassigned
    assert_false(ucd_char_name(0x0000, buf)); // control: aliases only
    assert_false(ucd_char_name(0xE000, buf)); // private use
    assert_false(ucd_char_name(0x17000, buf));
}

int main(void) {
    if (runtime_init(0, NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_racing_first_lookups),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_char_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
