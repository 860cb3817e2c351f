/*
 * test_tokenizer.c - cmocka tests for core/tokenizer.c.
 *
 * Owns: token-stream checks for indentation, line continuation, numbers, string prefixes,
 * operators and the tokenizer's error messages.  Each test tokenizes a snippet into a
 * compact "KIND:text" trace and compares it with the expected trace.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "token.h"

// Render the token stream as "KIND:text KIND ..." (text only for NAME/NUMBER/STRING/OP).
static void trace(const char *src, int emit_nl, char *out, size_t cap) {
    tok_state_t tok;
    token_t t;
    size_t n = 0;
    out[0] = '\0';
    tok_init(&tok, src, strlen(src));
    tok.emit_nl = emit_nl;
    for (int guard = 0; guard < 1000; guard++) {
        tok_kind_t k = tok_next(&tok, &t);
        const char *name = tok_kind_name(k);
        if (k == TOK_ERRORTOKEN) {
            n += (size_t)snprintf(out + n, cap - n, "%sERR(%s:%d:%d)", n ? " " : "", tok.err.msg,
                                  tok.err.lineno, tok.err.col + 1);
            break;
        }
        if (k == TOK_NAME || k == TOK_NUMBER || k == TOK_STRING || k >= TOK_LPAR) {
            n += (size_t)snprintf(out + n, cap - n, "%s%s:%.*s", n ? " " : "", name, (int)t.len,
                                  t.start);
        } else {
            n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? " " : "", name);
        }
        if (k == TOK_ENDMARKER || n >= cap - 1) {
            break;
        }
    }
    tok_free(&tok);
}

#define CHECK(src, expected)                                                                       \
    do {                                                                                           \
        char buf_[4096];                                                                           \
        trace((src), 0, buf_, sizeof(buf_));                                                       \
        assert_string_equal(buf_, (expected));                                                     \
    } while (0)

#define CHECK_NL(src, expected)                                                                    \
    do {                                                                                           \
        char buf_[4096];                                                                           \
        trace((src), 1, buf_, sizeof(buf_));                                                       \
        assert_string_equal(buf_, (expected));                                                     \
    } while (0)

static void test_simple(void **state) {
    (void)state;
    CHECK("x = 1\n", "NAME:x EQUAL:= NUMBER:1 NEWLINE ENDMARKER");
    // a missing final newline is synthesised
    CHECK("x", "NAME:x NEWLINE ENDMARKER");
    CHECK("", "ENDMARKER");
    // a BOM is skipped, CRLF is a newline
    CHECK("\xEF\xBB\xBFx\r\ny\r\n", "NAME:x NEWLINE NAME:y NEWLINE ENDMARKER");
}

static void test_indentation(void **state) {
    (void)state;
    CHECK("if x:\n    y\n    z\nw\n",
          "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE NAME:z NEWLINE DEDENT NAME:w "
          "NEWLINE ENDMARKER");
    CHECK("if a:\n  if b:\n    c\n",
          "NAME:if NAME:a COLON:: NEWLINE INDENT NAME:if NAME:b COLON:: NEWLINE INDENT NAME:c "
          "NEWLINE DEDENT DEDENT ENDMARKER");
    // blank and comment-only lines do not count
    CHECK("if a:\n\n   # c\n  b\n", "NAME:if NAME:a COLON:: NEWLINE INDENT NAME:b NEWLINE "
                                    "DEDENT ENDMARKER");
    // a tab counts as 8 columns when consistent
    CHECK("if a:\n\tb\n\tc\n", "NAME:if NAME:a COLON:: NEWLINE INDENT NAME:b NEWLINE NAME:c "
                               "NEWLINE DEDENT ENDMARKER");
    CHECK_NL("a\n\n# c\n", "NAME:a NEWLINE NL COMMENT NL ENDMARKER");
}

static void test_indentation_errors(void **state) {
    (void)state;
    CHECK("if x:\n  a\n b\n", "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:a NEWLINE "
                              "ERR(unindent does not match any outer indentation level:3:3)");
    CHECK("if x:\n\ta\n        b\n", "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:a NEWLINE "
                                     "ERR(inconsistent use of tabs and spaces in "
                                     "indentation:3:1)");
}

static void test_continuation(void **state) {
    (void)state;
    CHECK("x = (1,\n  2)\n", "NAME:x EQUAL:= LPAR:( NUMBER:1 COMMA:, NUMBER:2 RPAR:) NEWLINE "
                             "ENDMARKER");
    CHECK("x = 1 + \\\n    2\n", "NAME:x EQUAL:= NUMBER:1 PLUS:+ NUMBER:2 NEWLINE ENDMARKER");
    CHECK("a\\ b", "NAME:a ERR(unexpected character after line continuation character:1:3)");
    CHECK("a\\", "NAME:a ERR(unexpected EOF while parsing:1:3)");
    CHECK("x = )", "NAME:x EQUAL:= ERR(unmatched ')':1:5)");
    CHECK("x = (]", "NAME:x EQUAL:= LPAR:( "
                    "ERR(closing parenthesis ']' does not match opening parenthesis '(':1:6)");
    // EOF inside brackets yields an error token without a message (the parser reports it)
    CHECK("f(", "NAME:f LPAR:( ERR(:0:1)");
}

static void test_indentation_over_continuation(void **state) {
    (void)state;
    // A backslash-newline inside the indentation: its column is the indentation (3.11).
    CHECK("if x:\n\ta\n\t\\\n        b\n",
          "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:a NEWLINE "
          "ERR(inconsistent use of tabs and spaces in indentation:4:1)");
    CHECK("if x:\n  a\n  \\\n      b\n",
          "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:a NEWLINE NAME:b NEWLINE DEDENT ENDMARKER");
    CHECK("\\\n\tx\n", "INDENT NAME:x NEWLINE DEDENT ENDMARKER");
    // control characters are non-printable
    CHECK("x = \x01", "NAME:x EQUAL:= ERR(invalid non-printable character U+0001:1:5)");
    CHECK("\x7f", "ERR(invalid non-printable character U+007F:1:1)");
}

static void decode(const char *src, tok_src_status_t want, const char *text, const char *enc,
                   const char *msg) {
    tok_source_t ts;
    tok_src_status_t st = tok_decode_source(src, strlen(src), &ts);
    assert_int_equal(st, want);
    if (st == TOK_SRC_OK) {
        const char *got = ts.buf ? ts.buf : src + ts.skip;
        size_t n = ts.buf ? ts.len : strlen(src) - ts.skip;
        assert_int_equal(n, strlen(text));
        assert_memory_equal(got, text, n);
    }
    assert_string_equal(ts.encoding, enc);
    if (msg) {
        assert_string_equal(ts.msg, msg);
    }
    free(ts.buf);
}

static void test_source_encoding(void **state) {
    (void)state;
    decode("x = 1\n", TOK_SRC_OK, "x = 1\n", "", NULL);
    decode("\xEF\xBB\xBFx\n", TOK_SRC_OK, "x\n", "", NULL);
    decode("# coding: latin-1\n'\xe9\xff'\n", TOK_SRC_OK, "# coding: latin-1\n'\xc3\xa9\xc3\xbf'\n",
           "iso-8859-1", NULL);
    decode("#!python\n# -*- coding: iso8859_1 -*-\n'\xe9'\n", TOK_SRC_OK,
           "#!python\n# -*- coding: iso8859_1 -*-\n'\xc3\xa9'\n", "iso8859_1", NULL);
    decode("# coding: cp1252\n'\x80'\n", TOK_SRC_OK, "# coding: cp1252\n'\xe2\x82\xac'\n", "cp1252",
           NULL);
    decode("# coding: UTF8\n'\xc3\xa9'\n", TOK_SRC_OK, "# coding: UTF8\n'\xc3\xa9'\n", "UTF8",
           NULL);
    // line 2 only after a blank or comment line; never line 3
    decode("x = 1\n# coding: xxx\n", TOK_SRC_OK, "x = 1\n# coding: xxx\n", "", NULL);
    decode("\n\n# coding: xxx\n", TOK_SRC_OK, "\n\n# coding: xxx\n", "", NULL);
    decode("# coding: xxx\n", TOK_SRC_UNKNOWN, NULL, "xxx", NULL);
    decode("\xEF\xBB\xBF# coding: latin-1\n", TOK_SRC_BOM, NULL, "iso-8859-1", NULL);
    decode("# coding: ascii\nx = '\xe9'\n", TOK_SRC_BAD_BYTE, NULL, "ascii",
           "'ascii' codec can't decode byte 0xe9 in position 21: ordinal not in range(128)");
    decode("# coding: cp1252\n'\x81'\n", TOK_SRC_BAD_BYTE, NULL, "cp1252",
           "'charmap' codec can't decode byte 0x81 in position 18: character maps to "
           "<undefined>");
}

static void test_numbers(void **state) {
    (void)state;
    CHECK("0 00 0_0 123 1_000 0x_fF 0o17 0b1_0 1.5 .5 5. 1e10 1E-5 1_000.5e-3 3j 1.5J 0e1 "
          "09.5",
          "NUMBER:0 NUMBER:00 NUMBER:0_0 NUMBER:123 NUMBER:1_000 NUMBER:0x_fF NUMBER:0o17 "
          "NUMBER:0b1_0 NUMBER:1.5 NUMBER:.5 NUMBER:5. NUMBER:1e10 NUMBER:1E-5 "
          "NUMBER:1_000.5e-3 NUMBER:3j NUMBER:1.5J NUMBER:0e1 NUMBER:09.5 NEWLINE ENDMARKER");
    // a number directly followed by a keyword is accepted (CPython only warns)
    CHECK("1if x else 2", "NUMBER:1 NAME:if NAME:x NAME:else NUMBER:2 NEWLINE ENDMARKER");
    CHECK("0123", "ERR(leading zeros in decimal integer literals are not permitted; use an 0o "
                  "prefix for octal integers:1:1)");
    CHECK("1__0", "ERR(invalid decimal literal:1:2)");
    CHECK("1_", "ERR(invalid decimal literal:1:2)");
    CHECK("0x", "ERR(invalid hexadecimal literal:1:2)");
    CHECK("0o8", "ERR(invalid digit '8' in octal literal:1:3)");
    CHECK("0b2", "ERR(invalid digit '2' in binary literal:1:3)");
    CHECK("1e", "ERR(invalid decimal literal:1:1)");
    CHECK("1abc", "ERR(invalid decimal literal:1:1)");
    CHECK("1ja", "ERR(invalid imaginary literal:1:2)");
    CHECK("a.1", "NAME:a NUMBER:.1 NEWLINE ENDMARKER");
}

static void test_strings(void **state) {
    (void)state;
    CHECK("'a' \"b\" '''c\nd''' \"\"\"e\"\"\"",
          "STRING:'a' STRING:\"b\" STRING:'''c\nd''' STRING:\"\"\"e\"\"\" NEWLINE ENDMARKER");
    CHECK("r'a' b'b' f'c' u'd' R'e' B'f' F'g' U'h' rb'i' Rb'j' bR'k' BR'l' fr'm' rF'n' FR'o'",
          "STRING:r'a' STRING:b'b' STRING:f'c' STRING:u'd' STRING:R'e' STRING:B'f' "
          "STRING:F'g' STRING:U'h' STRING:rb'i' STRING:Rb'j' STRING:bR'k' STRING:BR'l' "
          "STRING:fr'm' STRING:rF'n' STRING:FR'o' NEWLINE ENDMARKER");
    // not prefixes: ur, bu, fb
    CHECK("ur'x'", "NAME:ur STRING:'x' NEWLINE ENDMARKER");
    CHECK("'a\\'b' 'c\\\nd'", "STRING:'a\\'b' STRING:'c\\\nd' NEWLINE ENDMARKER");
    CHECK("f'{x!r:>{w}}'", "STRING:f'{x!r:>{w}}' NEWLINE ENDMARKER");
    CHECK("\"abc", "ERR(unterminated string literal (detected at line 1):1:1)");
    CHECK("x = '''abc\n\n", "NAME:x EQUAL:= "
                            "ERR(unterminated triple-quoted string literal (detected at line "
                            "2):1:5)");
    int b, r, f, u, ql;
    char q;
    assert_int_equal(tok_string_prefix("Rb'''x'''", 9, &b, &r, &f, &u, &ql, &q), 2);
    assert_true(b && r && !f && !u);
    assert_int_equal(ql, 3);
    assert_int_equal(q, '\'');
}

static void test_operators(void **state) {
    (void)state;
    CHECK("a := b -> c ** d **= e // f //= g @ h @= i ... j != k <= l >= m << n >>= o ~p",
          "NAME:a COLONEQUAL::= NAME:b RARROW:-> NAME:c DOUBLESTAR:** NAME:d "
          "DOUBLESTAREQUAL:**= NAME:e DOUBLESLASH:// NAME:f DOUBLESLASHEQUAL://= NAME:g AT:@ "
          "NAME:h ATEQUAL:@= NAME:i ELLIPSIS:... NAME:j NOTEQUAL:!= NAME:k LESSEQUAL:<= NAME:l "
          "GREATEREQUAL:>= NAME:m LEFTSHIFT:<< NAME:n RIGHTSHIFTEQUAL:>>= NAME:o TILDE:~ NAME:p "
          "NEWLINE ENDMARKER");
    CHECK("a $ b", "NAME:a OP:$ NAME:b NEWLINE ENDMARKER");
}

static void test_positions_and_keywords(void **state) {
    (void)state;
    const char *src = "def f():\n    return 'é' + x\n";
    tok_state_t tok;
    token_t t;
    tok_init(&tok, src, strlen(src));
    tok_next(&tok, &t);
    assert_int_equal(t.kind, TOK_NAME);
    assert_int_equal(t.kw, KW_DEF);
    tok_next(&tok, &t);
    assert_int_equal(t.kw, KW_NOT_KEYWORD);
    for (int i = 0; i < 4; i++) {
        tok_next(&tok, &t); // ( ) : NEWLINE
    }
    tok_next(&tok, &t);
    assert_int_equal(t.kind, TOK_INDENT);
    tok_next(&tok, &t);
    assert_int_equal(t.kw, KW_RETURN);
    assert_int_equal(t.lineno, 2);
    assert_int_equal(t.col, 4);
    tok_next(&tok, &t);
    assert_int_equal(t.kind, TOK_STRING);
    assert_int_equal(t.col, 11);
    assert_int_equal(t.end_col, 15); // byte columns: 'é' is two bytes
    tok_next(&tok, &t);
    assert_int_equal(t.kind, TOK_PLUS);
    assert_int_equal(t.col, 16);
    tok_free(&tok);
    // soft keywords stay names
    assert_int_equal(tok_keyword_lookup("match", 5), KW_NOT_KEYWORD);
    assert_int_equal(tok_keyword_lookup("lambda", 6), KW_LAMBDA);
}

static void test_garbage_does_not_crash(void **state) {
    (void)state;
    unsigned seed = 12345;
    char buf[256];
    for (int i = 0; i < 2000; i++) {
        size_t n = (size_t)(i % 200);
        for (size_t j = 0; j < n; j++) {
            seed = seed * 1103515245u + 12345u;
            buf[j] = (char)("()[]{}'\"\\\n\t #fbru0x1_.e+-=:;,j"[(seed >> 16) % 31]);
        }
        tok_state_t tok;
        token_t t;
        tok_init(&tok, buf, n);
        for (int guard = 0; guard < 10000; guard++) {
            tok_kind_t k = tok_next(&tok, &t);
            if (k == TOK_ENDMARKER || k == TOK_ERRORTOKEN) {
                break;
            }
            assert_true(guard < 9999);
        }
        tok_free(&tok);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_indentation),
        cmocka_unit_test(test_indentation_errors),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_indentation_over_continuation),
        cmocka_unit_test(test_source_encoding),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_positions_and_keywords),
        cmocka_unit_test(test_garbage_does_not_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
