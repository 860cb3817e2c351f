/*
 * tests/c/test_compile_errors.c — every compile failure carries its own
 * exception (core/compile*.c, core/symtable.c).  compile_ast() turns a
 * failure that raised nothing into "SystemError: compiler failed without an
 * exception"; these tests compile sources that fail in each pass (symbol
 * table, statements, expressions, constants, nesting limits), deterministic
 * mutations of valid programs, and hand-edited ASTs, and check that no
 * failure ever ends in that fallback and no success leaves an exception set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/compile_int.h"
#include "core/error.h"
#include "core/eval.h"
#include "core/parser.h"
#include "core/runtime.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"

static int setup(void **state) {
    static char *argv[] = {"test_compile_errors", NULL};
    return runtime_init(1, argv) < 0 ? -1 : 0;
}

// The message of the pending exception (borrowed into buf).
static const char *pending_message(char *buf, size_t n) {
    buf[0] = 0;
    obj_t *exc = err_peek();
    obj_t *s = exc ? obj_str(exc) : NULL;
    if (s) {
        snprintf(buf, n, "%s", str_data(s));
        DECREF(s);
    }
    return buf;
}

// Compiles src; on failure the exception must be set and must not be the
// compiler's "failed without an exception" fallback.  Returns 1 compiled,
// 0 failed (exception cleared).
static int compile_checked(const char *src, size_t len, const char *mode) {
    obj_t *co = compile_source(src, len, "<test>", mode);
    if (co) {
        if (err_occurred()) {
            err_print();
            fail_msg("compiled with an exception pending: %.200s", src);
        }
        DECREF(co);
        return 1;
    }
    if (!err_occurred()) fail_msg("failed without an exception: %.200s", src);
    char msg[512];
    if (err_matches(exc_SystemError)) {
        pending_message(msg, sizeof msg);
        if (strstr(msg, "without an exception")) fail_msg("lost exception: %.200s", src);
    }
    err_clear();
    return 0;
}

// Sources failing in each pass, with the SyntaxError text expected.
static void test_each_error_raises(void **state) {
    static const struct {
        const char *src, *msg;
    } cases[] = {
        {"try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass\n", "default 'except:' must be last"},
        {"def f():\n  try:\n    pass\n  except:\n    pass\n  except:\n    pass\n",
         "default 'except:' must be last"},
        {"break\n", "'break' outside loop"},
        {"return 1\n", "'return' outside function"},
        {"def f(a, a): pass\n", "duplicate argument 'a' in function definition"},
        {"nonlocal x\n", "nonlocal declaration not allowed at module level"},
        {"def f():\n  nonlocal q\n", "no binding for nonlocal 'q' found"},
        {"def f():\n  x = 1\n  global x\n", "name 'x' is assigned to before global declaration"},
        {"def f():\n  x: int\n  global x\n", "annotated name 'x' can't be global"},
        {"class C:\n  [y := 1 for i in []]\n",
         "assignment expression within a comprehension cannot be used in a class body"},
        {"[x for x in (y := [1])]\n",
         "assignment expression cannot be used in a comprehension iterable expression"},
        {"[i for i in [] if (j := 0) for j in []]\n",
         "comprehension inner loop cannot rebind assignment expression target 'j'"},
        {"[i := 0 for i in []]\n",
         "assignment expression cannot rebind comprehension iteration variable 'i'"},
        {"f(a=1, a=2)\n", "keyword argument repeated: a"},
        {"*a, *b = c\n", "multiple starred expressions in assignment"},
        {"__debug__ = 1\n", "cannot assign to __debug__"},
        {"def f():\n  yield 1\n  [(yield) for x in []]\n", "'yield' inside list comprehension"},
        {"def f():\n  from m import *\n", "import * only allowed at module level"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *src = cases[i].src;
        obj_t *co = compile_source(src, strlen(src), "<test>", "exec");
        if (co) fail_msg("compiled: %s", src);
        if (!err_matches(exc_SyntaxError)) {
            err_print();
            fail_msg("not a SyntaxError: %s", src);
        }
        char msg[512];
        pending_message(msg, sizeof msg);
        if (!strstr(msg, cases[i].msg)) fail_msg("%s: got '%s'", src, msg);
        err_clear();
    }
}

// An error reported while compiling goes on (the except check breaks out of
// the handler loop, the rest of the module is skipped) keeps its exception.
static void test_error_then_more_code(void **state) {
    const char *src = "try:\n  pass\nexcept:\n  pass\nexcept E:\n  x = '\\ud800'\n"
                      "y = 1" /* followed by a long literal that would fail alone */;
    assert_int_equal(compile_checked(src, strlen(src), "exec"), 0);
    char big[6000] = "break\nx = ";
    size_t n = strlen(big);
    memset(big + n, '7', 5000);
    big[n + 5000] = '\n';
    big[n + 5001] = 0;
    assert_int_equal(compile_checked(big, strlen(big), "exec"), 0);
}

static const char *const seeds[] = {
    "def f(a, *b, c=1, **d):\n    '''doc'''\n    global g\n    x = [y := i for i in b if i]\n"
    "    return x, y, lambda q: q + a\n",
    "class C(B, metaclass=M):\n    'doc'\n    x: int = 1\n    def m(self):\n"
    "        return super().m(), __class__\n",
    "try:\n    pass\nexcept (A, B) as e:\n    raise\nexcept C:\n    pass\nelse:\n    x = 1\n"
    "finally:\n    del x\n",
    "for i in range(3):\n    while i:\n        with a as b, c:\n            break\n"
    "    else:\n        continue\n",
    "def g():\n    x = 0\n    def h():\n        nonlocal x\n        x += yield from h()\n"
    "        return {k: v for k, v in x.items() if (w := k)}\n    return h\n",
    "import a.b as c\nfrom .. import d, e as f\nassert x, 'm'\nprint(f'{x!r:>{w}} {y=}')\n",
    "x = (1, 2) * 3 + (4,)\ny = -2 ** 10 // 3\nz = not a if b else c\nw = a[1:2, ::3]\n",
};

// Mutations of valid programs (a fixed LCG): insert or delete characters and
// tokens; whatever happens, a failure must carry its exception.
static void test_mutations_keep_exceptions(void **state) {
    static const char *const bits[] = {
        ":",          "(",
        ")",          " ",
        "x",          "=",
        ":=",         "yield ",
        "*",          "**",
        ",",          "for x in y ",
        "if ",        "else ",
        "\"",         "'",
        "\\",         "\n    ",
        "\n",         "nonlocal x\n",
        "global x\n", "return ",
        "break\n",    "del ",
        "lambda:",    "class C:",
        "def f():",   "@d\n",
        "[",          "]",
        "{",          "}",
        "1j",         "0x",
        "f\"{",       "}\"",
        "__debug__",  "except:\n  pass\n",
        "try:",       "async ",
        "await ",     "import *",
        "...",        "__class__",
        "super()",    "\t",
    };
    uint64_t rng = 0x9e3779b97f4a7c15ull;
    char buf[4096];
    int compiled = 0, failed = 0;
    for (int iter = 0; iter < 6000; iter++) {
        const char *seed = seeds[iter % (sizeof seeds / sizeof seeds[0])];
        size_t len = strlen(seed);
        memcpy(buf, seed, len + 1);
        int nmut = 1 + (int)((rng >> 33) % 3);
        for (int m = 0; m < nmut; m++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = len ? (size_t)((rng >> 33) % len) : 0;
            if ((rng >> 20) & 1) {
                size_t del = 1 + (size_t)((rng >> 40) % 4);
                if (at + del > len) del = len - at;
                memmove(buf + at, buf + at + del, len - at - del + 1);
                len -= del;
            } else {
                const char *b = bits[(rng >> 45) % (sizeof bits / sizeof bits[0])];
                size_t bl = strlen(b);
                if (len + bl + 1 >= sizeof buf) continue;
                memmove(buf + at + bl, buf + at, len - at + 1);
                memcpy(buf + at, b, bl);
                len += bl;
            }
        }
        const char *mode = (iter % 7 == 0) ? "single" : "exec";
        if (compile_checked(buf, len, mode))
            compiled++;
        else
            failed++;
    }
    // Both outcomes occur: the mutations are neither all valid nor all broken.
    assert_true(compiled > 100);
    assert_true(failed > 100);
}

// A hand-edited AST whose constant is of no known kind: the compiler reports
// it instead of failing silently.
static void test_bad_constant_kind_raises(void **state) {
    const char *src = "x = 12345\n";
    ast_arena_t *arena = ast_arena_new();
    assert_non_null(arena);
    parse_error_t pe;
    memset(&pe, 0, sizeof pe);
    ast_mod_t *mod = parse_source_ex(arena, src, strlen(src), "<test>", PARSE_FILE, 0, &pe);
    assert_non_null(mod);
    ast_expr_t *value = mod->body.items[0]->v.assign.value;
    assert_int_equal(value->kind, EXPR_CONSTANT);
    value->v.constant.kind = (ast_const_kind_t)77;
    obj_t *co = compile_ast(mod, arena, src, strlen(src), "<test>", 0);
    assert_null(co);
    assert_true(err_occurred());
    char msg[512];
    pending_message(msg, sizeof msg);
    assert_null(strstr(msg, "without an exception"));
    err_clear();
    ast_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_error_raises),
        cmocka_unit_test(test_error_then_more_code),
        cmocka_unit_test(test_mutations_keep_exceptions),
        cmocka_unit_test(test_bad_constant_kind_raises),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
