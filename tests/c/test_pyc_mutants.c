/*
 * tests/c/test_pyc_mutants.c — crafted bytecode caches never crash pvm
 * (core/pyc.c's validator, docs/bytecode.md "What the loader validates").
 *
 * A few small programs (exceptions, with, closures, generators,
 * comprehensions, f-strings, classes, calls, unpacking) are compiled and
 * dumped as cache images.  Each image is then mutated in thousands of
 * seeded ways by the structure-aware mutator of the fuzzer
 * (tests/fuzz/pyc_mutate.h: opcodes, operands, jump words, EXTENDED_ARG
 * prefixes, exception entries), its header and checksum are fixed up, and
 * it is loaded; a mutant the loader accepts is run with small limits
 * (recursion limit 50, a timer tick that raises KeyboardInterrupt).  The
 * loader must reject what the interpreter would trust and crash on: a
 * crash, a sanitizer report or a hang fails the test.  This is the
 * deterministic, clang-free counterpart of tests/fuzz/fuzz_pyc.c (mode 3).
 *
 * Debugging: PM_SEED=N runs only mutant N of each program, PM_TRACE=1
 * names each mutant before it runs, PM_DIS=1 disassembles it.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../fuzz/pyc_mutate.h"
#include "core/error.h"
#include "core/eval.h"
#include "core/pyc.h"
#include "core/runtime.h"
#include "objects/code.h"

static const char *const programs[] = {
    // exceptions, finally, with
    "class CM:\n"
    "    def __enter__(self): return 1\n"
    "    def __exit__(self, t, v, tb): return t is KeyError\n"
    "def f(x):\n"
    "    try:\n"
    "        if x: raise ValueError(x)\n"
    "        r = 1\n"
    "    except (ValueError, TypeError) as e:\n"
    "        r = str(e)\n"
    "    finally:\n"
    "        r = [r]\n"
    "    with CM() as c:\n"
    "        raise KeyError(c)\n"
    "    return r\n"
    "out = [f(0), f(2)]\n",
    // closures, generators, yield from
    "def outer(n):\n"
    "    k = n\n"
    "    def inner(m):\n"
    "        nonlocal k\n"
    "        k += m\n"
    "        return k\n"
    "    return inner\n"
    "def gen(n):\n"
    "    for i in range(n):\n"
    "        x = yield i\n"
    "    yield from [n, n + 1]\n"
    "g = outer(3)\n"
    "out = (g(1), g(2), list(gen(4)), sum(gen(3)))\n",
    // comprehensions, f-strings, containers, unpacking
    "xs = [i * 2 for i in range(5) if i % 2]\n"
    "ss = {c for c in 'hello'}\n"
    "dd = {k: v for k, v in zip('abc', range(3))}\n"
    "w = 7\n"
    "s = f'{w:>{w}} {xs!r} {dd[\"a\"]:04d} {3.5:.2f}'\n"
    "a, *b, c = range(6)\n"
    "t = (*xs, *b)\n"
    "m = {**dd, 'z': 1}\n"
    "zc = (1+2j) * w - 0.5j\n"
    "out = (xs, len(ss), s, a, b, c, t, m, xs[1:3], {1, 2} | {3}, zc)\n",
    // classes, super, calls with keywords and star arguments
    "class A:\n"
    "    def __init__(self, v=1, *, k=2):\n"
    "        self.v = v + k\n"
    "    def m(self, *a, **kw):\n"
    "        return (self.v, a, sorted(kw))\n"
    "class B(A):\n"
    "    def __init__(self):\n"
    "        super().__init__(5, k=3)\n"
    "def call(f, *args, **kwargs):\n"
    "    return f(*args, **kwargs)\n"
    "b = B()\n"
    "out = (b.m(1, 2, x=3), call(max, 3, 9, key=lambda q: -q), A(k=0).v)\n"
    "del b.v\n"
    "assert out, 'never'\n",
    // match statement: every pattern kind (core/compile_match.c)
    "class P:\n"
    "    __match_args__ = ('x', 'y')\n"
    "    def __init__(self, x, y): self.x, self.y = x, y\n"
    "def f(s):\n"
    "    match s:\n"
    "        case 0 | None | 'z': return 0\n"
    "        case [a, *_, b] if a < b: return (a, b)\n"
    "        case (a, *r, 1): return r\n"
    "        case {'k': [v, _], **rest}: return (v, rest)\n"
    "        case P(1, y=q) | P(q, 2): return q\n"
    "        case int(n) as m: return n + m\n"
    "        case _: return None\n"
    "out = [f(x) for x in (0, [1, 5, 2], (9, 8, 1), {'k': [3, 4], 'j': 5}, P(1, 7), 6, 'w')]\n",
};

#define MUTANTS_PER_PROGRAM 1200

static int setup(void **state) {
    (void)state;
    static char *argv[] = {"test_pyc_mutants", NULL};
    if (runtime_init(1, argv) < 0) return -1;
    pm_install_alarm();
    return 0;
}

static void test_mutants_never_crash(void **state) {
    (void)state;
    // Mutants may print or write files: run them in a scratch folder with
    // stdout on /dev/null.
    char tmpl[] = "/tmp/test_pyc_mutants.XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(tmpl), 0);
    fflush(stdout);
    int saved_out = dup(1), null = open("/dev/null", O_WRONLY);
    assert_true(saved_out >= 0 && null >= 0);
    size_t loaded = 0, total = 0;
    for (size_t p = 0; p < sizeof programs / sizeof programs[0]; p++) {
        obj_t *code = compile_source(programs[p], strlen(programs[p]), "<mutant>", "exec");
        if (code == NULL) err_print();
        assert_non_null(code);
        uint8_t *img;
        size_t len;
        assert_int_equal(pyc_dumps(code, 0, 0, 0, &img, &len), 0);
        DECREF(code);
        // The original loads and runs.
        obj_t *orig = pyc_loads(img, len, NULL, PYC_LOAD_NO_INTERN);
        assert_non_null(orig);
        dup2(null, 1);
        pm_run_limited(orig, 20000);
        dup2(saved_out, 1);
        DECREF(orig);
        uint8_t *m = malloc(len);
        assert_non_null(m);
        for (uint64_t seed = 1; seed <= MUTANTS_PER_PROGRAM; seed++) {
            if (getenv("PM_SEED") && (uint64_t)atol(getenv("PM_SEED")) != seed) continue;
            memcpy(m, img, len);
            uint64_t rng = seed * 0x9e3779b97f4a7c15ull + p;
            assert_true(pyc_mutate_image(m, len, &rng));
            pyc_fix_header(m, len);
            total++;
            obj_t *mut = pyc_loads(m, len, NULL, PYC_LOAD_NO_INTERN);
            assert_false(err_occurred()); // the loader never raises
            if (mut == NULL) continue;
            loaded++;
            if (getenv("PM_DIS")) dis_code(mut, stderr);
            if (getenv("PM_TRACE")) fprintf(stderr, "prog %zu seed %lu\n", p, (unsigned long)seed);
            dup2(null, 1);
            pm_run_limited(mut, 20000);
            dup2(saved_out, 1);
            DECREF(mut);
        }
        free(m);
        free(img);
    }
    close(null);
    close(saved_out);
    assert_int_equal(chdir(cwd), 0);
    rmdir(tmpl);
    fprintf(stderr, "%zu mutants, %zu accepted by the loader and run\n", total, loaded);
    // The mutations must leave a good share loadable, or the run path is
    // not exercised at all.
    assert_true(loaded > total / 20);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mutants_never_crash),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
