/*
 * tests/c/test_compile.c — unit tests of the compiler and the interpreter
 * (core/compile*.c, core/symtable.c, core/eval*.c): small snippets are
 * compiled and their register code inspected (a local `a + b` is one ADD on
 * the parameter registers, constants fold, wide operands get an
 * EXTENDED_ARG prefix), SyntaxErrors carry CPython's messages and
 * locations, and compiled code runs to the expected results.
 */
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
#include "core/opcodes.h"
#include "core/runtime.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"

static int setup(void **state) {
    static char *argv[] = {"test_compile", NULL};
    return runtime_init(1, argv) < 0 ? -1 : 0;
}

static obj_t *compile_ok(const char *src) {
    obj_t *co = compile_source(src, strlen(src), "<test>", "exec");
    if (!co) err_print();
    assert_non_null(co);
    return co;
}

// The first code constant of a module (the function body of `def`).
static code_t *first_function(obj_t *module) {
    code_t *m = (code_t *)module;
    for (size_t i = 0; i < TUPLE_SIZE(m->consts); i++)
        if (CODE_CHECK(TUPLE_GET(m->consts, i))) return (code_t *)TUPLE_GET(m->consts, i);
    fail_msg("no function in module");
    return NULL;
}

static int count_op(code_t *co, int op) {
    int n = 0;
    for (size_t pc = 0; pc < co->ninsns; pc++) {
        int o = (int)INSN_OP(co->insns[pc]);
        if (o == op) n++;
        if (opcode_has_word(o)) pc++;
    }
    return n;
}

static void test_add_is_one_instruction(void **state) {
    obj_t *m = compile_ok("def f(a, b):\n    return a + b\n");
    code_t *f = first_function(m);
    assert_int_equal(f->argcount, 2);
    assert_int_equal(f->nlocals, 2);
    // ADD R[t], R[0], R[1]; RETURN R[t]
    uint32_t w = f->insns[0];
    assert_int_equal(INSN_OP(w), OPC_ADD);
    assert_int_equal(INSN_B(w), 0);
    assert_int_equal(INSN_C(w), 1);
    assert_int_equal(INSN_OP(f->insns[1]), OPC_RETURN);
    assert_int_equal(INSN_A(f->insns[1]), INSN_A(w));
    assert_int_equal(f->ninsns, 2);
    DECREF(m);
}

static void test_assign_to_local_writes_register(void **state) {
    obj_t *m = compile_ok("def f(a):\n    x = a * 3\n    return x\n");
    code_t *f = first_function(m);
    uint32_t w = f->insns[0];
    assert_int_equal(INSN_OP(w), OPC_MUL_K);
    assert_int_equal(INSN_A(w), 1); // x is register 1
    assert_int_equal(INSN_B(w), 0); // a is register 0
    DECREF(m);
}

static void test_constant_folding(void **state) {
    obj_t *m = compile_ok("def f():\n    return (2 * 3 + 1, -5, (1, 2))\n");
    code_t *f = first_function(m);
    assert_int_equal(INSN_OP(f->insns[0]), OPC_LOAD_CONST);
    obj_t *k = TUPLE_GET(f->consts, INSN_BX(f->insns[0]));
    assert_true(TUPLE_CHECK(k));
    assert_int_equal(SMALLINT_VALUE(TUPLE_GET(k, 0)), 7);
    assert_int_equal(SMALLINT_VALUE(TUPLE_GET(k, 1)), -5);
    assert_int_equal(count_op(f, OPC_ADD) + count_op(f, OPC_MUL), 0);
    DECREF(m);
}

static void test_compare_jump_fused(void **state) {
    obj_t *m = compile_ok("def f(n):\n    while n < 10:\n        n += 1\n    return n\n");
    code_t *f = first_function(m);
    assert_true(count_op(f, OPC_JLT_K) >= 1);
    assert_int_equal(count_op(f, OPC_LT), 0);
    DECREF(m);
}

static void test_wide_operands(void **state) {
    // A function with > 255 locals and > 255 constants compiles and runs.
    size_t cap = 1 << 16;
    char *src = malloc(cap);
    size_t n = (size_t)snprintf(src, cap, "def f():\n");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(src + n, cap - n, "    v%d = %d.5\n", i, i);
    n += (size_t)snprintf(src + n, cap - n, "    return v299 + v0\nr = f()\n");
    obj_t *m = compile_ok(src);
    free(src);
    code_t *f = first_function(m);
    assert_true(f->nregs > 255);
    assert_true(count_op(f, OPC_EXTENDED_ARG) > 0);
    obj_t *g = dict_new();
    obj_t *r = eval_code(m, g, g);
    assert_non_null(r);
    DECREF(r);
    obj_t *v = dict_get_str(g, "r");
    assert_non_null(v);
    assert_true(float_as_double(v) == 299.5 + 0.5);
    DECREF(v);
    DECREF(g);
    DECREF(m);
}

static void expect_syntax_error(const char *src, const char *msg, int lineno) {
    obj_t *co = compile_source(src, strlen(src), "<test>", "exec");
    assert_null(co);
    assert_true(err_matches(exc_SyntaxError));
    obj_t *e = err_fetch();
    obj_t *args = ((exc_t *)e)->args;
    assert_true(TUPLE_SIZE(args) >= 2);
    assert_string_equal(str_data(TUPLE_GET(args, 0)), msg);
    obj_t *loc = TUPLE_GET(args, 1);
    assert_int_equal(SMALLINT_VALUE(TUPLE_GET(loc, 1)), lineno);
    DECREF(e);
}

static void test_syntax_errors(void **state) {
    expect_syntax_error("def f(x):\n    global x\n", "name 'x' is parameter and global", 2);
    expect_syntax_error("def f():\n    nonlocal q\n", "no binding for nonlocal 'q' found", 2);
    expect_syntax_error("x = 1\nreturn x\n", "'return' outside function", 2);
    expect_syntax_error("yield 1\n", "'yield' outside function", 1);
    expect_syntax_error("break\n", "'break' outside loop", 1);
    expect_syntax_error("continue\n", "'continue' not properly in loop", 1);
}

static obj_t *run(const char *src, const char *var) {
    obj_t *g = dict_new();
    obj_t *r = eval_source(src, strlen(src), "<test>", "exec", g, g);
    if (!r) err_print();
    assert_non_null(r);
    DECREF(r);
    obj_t *v = dict_get_str(g, var);
    assert_non_null(v);
    DECREF(g);
    return v;
}

static void test_run_programs(void **state) {
    obj_t *v =
        run("def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nr = fib(20)\n", "r");
    assert_int_equal(SMALLINT_VALUE(v), 6765);
    v = run("def g(n):\n    for i in range(n):\n        yield i * i\nr = sum(g(10))\n", "r");
    assert_int_equal(SMALLINT_VALUE(v), 285);
    v = run("def f():\n    try:\n        return 1\n    finally:\n        pass\nr = f()\n", "r");
    assert_int_equal(SMALLINT_VALUE(v), 1);
    v = run("def c():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n"
            "        return n\n    inc()\n    return inc()\nr = c()\n",
            "r");
    assert_int_equal(SMALLINT_VALUE(v), 2);
    v = run("a, *b, c = range(5)\nr = len(b)\n", "r");
    assert_int_equal(SMALLINT_VALUE(v), 3);
}

static void test_deep_recursion(void **state) {
    // Python-to-Python calls do not use the C stack.
    obj_t *v = run("import sys\nsys.setrecursionlimit(200000)\n"
                   "def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nr = d(100000)\n"
                   "sys.setrecursionlimit(1000)\n",
                   "r");
    assert_int_equal(SMALLINT_VALUE(v), 100000);
}

static void test_unbound_local(void **state) {
    const char *src = "def f():\n    print(x)\n    x = 1\nf()\n";
    obj_t *g = dict_new();
    obj_t *r = eval_source(src, strlen(src), "<test>", "exec", g, g);
    assert_null(r);
    assert_true(err_matches(exc_UnboundLocalError));
    err_clear();
    DECREF(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_is_one_instruction),
        cmocka_unit_test(test_assign_to_local_writes_register),
        cmocka_unit_test(test_constant_folding),
        cmocka_unit_test(test_compare_jump_fused),
        cmocka_unit_test(test_wide_operands),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_run_programs),
        cmocka_unit_test(test_deep_recursion),
        cmocka_unit_test(test_unbound_local),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
