/*
 * test_parser_match.c - cmocka tests for the match statement's parser (core/parser_match.c):
 * trees compared with CPython 3.11's ast.dump() (with and without positions) and the soft
 * keywords `match`, `case` and `_` still usable as names.  SyntaxErrors are covered by the
 * Python-level tests (tests/py/match/), which compare messages and positions with CPython.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ast.h"
#include "parser.h"

typedef struct {
    const char *src;
    const char *dump; // CPython 3.11 ast.dump(ast.parse(src)[, include_attributes=True])
} dump_case_t;

// Generated with CPython 3.11.
static const dump_case_t plain_cases[] = {
    {"match x:\n    case 1 | -2 | 'a' 'b': pass\n    case None: pass\n    case True | False: "
     "pass\n",
     "Module(body=[Match(subject=Name(id='x', ctx=Load()), "
     "cases=[match_case(pattern=MatchOr(patterns=[MatchValue(value=Constant(value=1)), "
     "MatchValue(value=UnaryOp(op=USub(), operand=Constant(value=2))), "
     "MatchValue(value=Constant(value='ab'))]), body=[Pass()]), "
     "match_case(pattern=MatchSingleton(value=None), body=[Pass()]), "
     "match_case(pattern=MatchOr(patterns=[MatchSingleton(value=True), "
     "MatchSingleton(value=False)]), body=[Pass()])])], type_ignores=[])\n"},
    {"match x:\n    case [a, *_, (b as c)] if a: pass\n    case (): pass\n    case [*r]: pass\n",
     "Module(body=[Match(subject=Name(id='x', ctx=Load()), "
     "cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a'), MatchStar(), "
     "MatchAs(pattern=MatchAs(name='b'), name='c')]), guard=Name(id='a', ctx=Load()), "
     "body=[Pass()]), match_case(pattern=MatchSequence(patterns=[]), body=[Pass()]), "
     "match_case(pattern=MatchSequence(patterns=[MatchStar(name='r')]), body=[Pass()])])], "
     "type_ignores=[])\n"},
    {"match x, y:\n    case a, *b,: pass\n    case (y): pass\n",
     "Module(body=[Match(subject=Tuple(elts=[Name(id='x', ctx=Load()), Name(id='y', ctx=Load())], "
     "ctx=Load()), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a'), "
     "MatchStar(name='b')]), body=[Pass()]), match_case(pattern=MatchAs(name='y'), "
     "body=[Pass()])])], type_ignores=[])\n"},
    {"match x:\n    case {1: a, 'k': _, **r}: pass\n    case {}: pass\n    case {a.b: 1,}: pass\n",
     "Module(body=[Match(subject=Name(id='x', ctx=Load()), "
     "cases=[match_case(pattern=MatchMapping(keys=[Constant(value=1), Constant(value='k')], "
     "patterns=[MatchAs(name='a'), MatchAs()], rest='r'), body=[Pass()]), "
     "match_case(pattern=MatchMapping(keys=[], patterns=[]), body=[Pass()]), "
     "match_case(pattern=MatchMapping(keys=[Attribute(value=Name(id='a', ctx=Load()), attr='b', "
     "ctx=Load())], patterns=[MatchValue(value=Constant(value=1))]), body=[Pass()])])], "
     "type_ignores=[])\n"},
    {"match x:\n    case C(1, a=_): pass\n    case a.b.C(): pass\n    case D(x=[1, 2]): pass\n",
     "Module(body=[Match(subject=Name(id='x', ctx=Load()), "
     "cases=[match_case(pattern=MatchClass(cls=Name(id='C', ctx=Load()), "
     "patterns=[MatchValue(value=Constant(value=1))], kwd_attrs=['a'], kwd_patterns=[MatchAs()]), "
     "body=[Pass()]), "
     "match_case(pattern=MatchClass(cls=Attribute(value=Attribute(value=Name(id='a', ctx=Load()), "
     "attr='b', ctx=Load()), attr='C', ctx=Load()), patterns=[], kwd_attrs=[], kwd_patterns=[]), "
     "body=[Pass()]), match_case(pattern=MatchClass(cls=Name(id='D', ctx=Load()), patterns=[], "
     "kwd_attrs=['x'], kwd_patterns=[MatchSequence(patterns=[MatchValue(value=Constant(value=1)), "
     "MatchValue(value=Constant(value=2))])]), body=[Pass()])])], type_ignores=[])\n"},
    {"match x:\n    case -1.5e3 | 0x10: pass\n    case a.b | _: pass\n",
     "Module(body=[Match(subject=Name(id='x', ctx=Load()), "
     "cases=[match_case(pattern=MatchOr(patterns=[MatchValue(value=UnaryOp(op=USub(), "
     "operand=Constant(value=1500.0))), MatchValue(value=Constant(value=16))]), body=[Pass()]), "
     "match_case(pattern=MatchOr(patterns=[MatchValue(value=Attribute(value=Name(id='a', "
     "ctx=Load()), attr='b', ctx=Load())), MatchAs()]), body=[Pass()])])], type_ignores=[])\n"},
    {"match = 1\nmatch(x)\nmatch[1] = case\nmatch.x: int\n_ = case.x\n",
     "Module(body=[Assign(targets=[Name(id='match', ctx=Store())], value=Constant(value=1)), "
     "Expr(value=Call(func=Name(id='match', ctx=Load()), args=[Name(id='x', ctx=Load())], "
     "keywords=[])), Assign(targets=[Subscript(value=Name(id='match', ctx=Load()), "
     "slice=Constant(value=1), ctx=Store())], value=Name(id='case', ctx=Load())), "
     "AnnAssign(target=Attribute(value=Name(id='match', ctx=Load()), attr='x', ctx=Store()), "
     "annotation=Name(id='int', ctx=Load()), simple=0), Assign(targets=[Name(id='_', "
     "ctx=Store())], value=Attribute(value=Name(id='case', ctx=Load()), attr='x', ctx=Load()))], "
     "type_ignores=[])\n"},
    {"match -x:\n    case 1:\n        pass\n",
     "Module(body=[Match(subject=UnaryOp(op=USub(), operand=Name(id='x', ctx=Load())), "
     "cases=[match_case(pattern=MatchValue(value=Constant(value=1)), body=[Pass()])])], "
     "type_ignores=[])\n"},
};

static const dump_case_t attr_cases[] = {
    {"match x:\n    case 1 | -2 | 'a' 'b': pass\n    case None: pass\n    case True | False: "
     "pass\n",
     "Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, "
     "end_col_offset=7), "
     "cases=[match_case(pattern=MatchOr(patterns=[MatchValue(value=Constant(value=1, lineno=2, "
     "col_offset=9, end_lineno=2, end_col_offset=10), lineno=2, col_offset=9, end_lineno=2, "
     "end_col_offset=10), MatchValue(value=UnaryOp(op=USub(), operand=Constant(value=2, lineno=2, "
     "col_offset=14, end_lineno=2, end_col_offset=15), lineno=2, col_offset=13, end_lineno=2, "
     "end_col_offset=15), lineno=2, col_offset=13, end_lineno=2, end_col_offset=15), "
     "MatchValue(value=Constant(value='ab', lineno=2, col_offset=18, end_lineno=2, "
     "end_col_offset=25), lineno=2, col_offset=18, end_lineno=2, end_col_offset=25)], lineno=2, "
     "col_offset=9, end_lineno=2, end_col_offset=25), body=[Pass(lineno=2, col_offset=27, "
     "end_lineno=2, end_col_offset=31)]), match_case(pattern=MatchSingleton(value=None, lineno=3, "
     "col_offset=9, end_lineno=3, end_col_offset=13), body=[Pass(lineno=3, col_offset=15, "
     "end_lineno=3, end_col_offset=19)]), "
     "match_case(pattern=MatchOr(patterns=[MatchSingleton(value=True, lineno=4, col_offset=9, "
     "end_lineno=4, end_col_offset=13), MatchSingleton(value=False, lineno=4, col_offset=16, "
     "end_lineno=4, end_col_offset=21)], lineno=4, col_offset=9, end_lineno=4, end_col_offset=21), "
     "body=[Pass(lineno=4, col_offset=23, end_lineno=4, end_col_offset=27)])], lineno=1, "
     "col_offset=0, end_lineno=4, end_col_offset=27)], type_ignores=[])\n"},
    {"match x:\n    case [a, *_, (b as c)] if a: pass\n    case (): pass\n    case [*r]: pass\n",
     "Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, "
     "end_col_offset=7), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a', "
     "lineno=2, col_offset=10, end_lineno=2, end_col_offset=11), MatchStar(lineno=2, "
     "col_offset=13, end_lineno=2, end_col_offset=15), MatchAs(pattern=MatchAs(name='b', lineno=2, "
     "col_offset=18, end_lineno=2, end_col_offset=19), name='c', lineno=2, col_offset=18, "
     "end_lineno=2, end_col_offset=24)], lineno=2, col_offset=9, end_lineno=2, end_col_offset=26), "
     "guard=Name(id='a', ctx=Load(), lineno=2, col_offset=30, end_lineno=2, end_col_offset=31), "
     "body=[Pass(lineno=2, col_offset=33, end_lineno=2, end_col_offset=37)]), "
     "match_case(pattern=MatchSequence(patterns=[], lineno=3, col_offset=9, end_lineno=3, "
     "end_col_offset=11), body=[Pass(lineno=3, col_offset=13, end_lineno=3, end_col_offset=17)]), "
     "match_case(pattern=MatchSequence(patterns=[MatchStar(name='r', lineno=4, col_offset=10, "
     "end_lineno=4, end_col_offset=12)], lineno=4, col_offset=9, end_lineno=4, end_col_offset=13), "
     "body=[Pass(lineno=4, col_offset=15, end_lineno=4, end_col_offset=19)])], lineno=1, "
     "col_offset=0, end_lineno=4, end_col_offset=19)], type_ignores=[])\n"},
    {"match x, y:\n    case a, *b,: pass\n    case (y): pass\n",
     "Module(body=[Match(subject=Tuple(elts=[Name(id='x', ctx=Load(), lineno=1, col_offset=6, "
     "end_lineno=1, end_col_offset=7), Name(id='y', ctx=Load(), lineno=1, col_offset=9, "
     "end_lineno=1, end_col_offset=10)], ctx=Load(), lineno=1, col_offset=6, end_lineno=1, "
     "end_col_offset=10), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a', "
     "lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), MatchStar(name='b', lineno=2, "
     "col_offset=12, end_lineno=2, end_col_offset=14)], lineno=2, col_offset=9, end_lineno=2, "
     "end_col_offset=15), body=[Pass(lineno=2, col_offset=17, end_lineno=2, end_col_offset=21)]), "
     "match_case(pattern=MatchAs(name='y', lineno=3, col_offset=10, end_lineno=3, "
     "end_col_offset=11), body=[Pass(lineno=3, col_offset=14, end_lineno=3, end_col_offset=18)])], "
     "lineno=1, col_offset=0, end_lineno=3, end_col_offset=18)], type_ignores=[])\n"},
};

static char *dump_source(const char *src, int attrs, parse_error_t *err) {
    ast_arena_t *arena = ast_arena_new();
    ast_mod_t *mod = parse_source(arena, src, strlen(src), "<test>", PARSE_FILE, err);
    char *buf = NULL;
    size_t len = 0;
    if (mod) {
        FILE *f = open_memstream(&buf, &len);
        ast_dump_ex(f, mod, attrs);
        fclose(f);
    }
    ast_arena_free(arena);
    return buf;
}

static void check(const dump_case_t *cases, size_t n, int attrs) {
    for (size_t i = 0; i < n; i++) {
        parse_error_t err = {0};
        char *got = dump_source(cases[i].src, attrs, &err);
        if (!got) {
            fail_msg("%s: unexpected %s: %s", cases[i].src, err.type, err.msg);
        }
        if (strcmp(got, cases[i].dump) != 0) {
            fail_msg("%s:\n got  %s\n want %s", cases[i].src, got, cases[i].dump);
        }
        free(got);
    }
}

static void test_match_dumps(void **state) {
    (void)state;
    check(plain_cases, sizeof(plain_cases) / sizeof(plain_cases[0]), 0);
}

static void test_match_dumps_with_positions(void **state) {
    (void)state;
    check(attr_cases, sizeof(attr_cases) / sizeof(attr_cases[0]), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_dumps),
        cmocka_unit_test(test_match_dumps_with_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
