/*
 * test_parser.c - cmocka tests for core/parser*.c and core/ast.c.
 *
 * Owns: checks that sample programs parse to exactly the tree CPython 3.11 builds (compared
 * through ast_dump, whose output matches ast.dump()), direct checks of node fields and
 * positions, SyntaxError messages and locations for bad inputs, the "not supported by pvm"
 * rejections, and robustness against truncated, mutated and deeply nested input.
 */
#define _GNU_SOURCE
#include <pthread.h>
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
    const char *dump; // CPython 3.11 ast.dump(ast.parse(src))
} dump_case_t;

// Expected dumps generated with CPython 3.11.
static const dump_case_t dump_cases[] = {
    {"x = 1", "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], "
              "type_ignores=[])\n"},
    {"a = b = c",
     "Module(body=[Assign(targets=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], "
     "value=Name(id='c', ctx=Load()))], type_ignores=[])\n"},
    {"a, *b = c",
     "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Na"
     "me(id='b', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='c', ctx=Load()"
     "))], type_ignores=[])\n"},
    {"[a, (b, c)] = d",
     "Module(body=[Assign(targets=[List(elts=[Name(id='a', ctx=Store()), Tuple(elts=[Name("
     "id='b', ctx=Store()), Name(id='c', ctx=Store())], ctx=Store())], ctx=Store())], valu"
     "e=Name(id='d', ctx=Load()))], type_ignores=[])\n"},
    {"x: int = 1\ny: str",
     "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', c"
     "tx=Load()), value=Constant(value=1), simple=1), AnnAssign(target=Name(id='y', ctx=St"
     "ore()), annotation=Name(id='str', ctx=Load()), simple=1)], type_ignores=[])\n"},
    {"(z): int",
     "Module(body=[AnnAssign(target=Name(id='z', ctx=Store()), annotation=Name(id='int', c"
     "tx=Load()), simple=0)], type_ignores=[])\n"},
    {"x += 1; y //= 2",
     "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Add(), value=Constant(va"
     "lue=1)), AugAssign(target=Name(id='y', ctx=Store()), op=FloorDiv(), value=Constant(v"
     "alue=2))], type_ignores=[])\n"},
    {"del a[1:2, ::3], b.c",
     "Module(body=[Delete(targets=[Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(e"
     "lts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(va"
     "lue=3))], ctx=Load()), ctx=Del()), Attribute(value=Name(id='b', ctx=Load()), attr='c"
     "', ctx=Del())])], type_ignores=[])\n"},
    {"import a.b.c as d, e",
     "Module(body=[Import(names=[alias(name='a.b.c', asname='d'), alias(name='e')])], type"
     "_ignores=[])\n"},
    {"from . import x",
     "Module(body=[ImportFrom(names=[alias(name='x')], level=1)], type_ignores=[])\n"},
    {"from ..pkg.mod import (a, b as c,)",
     "Module(body=[ImportFrom(module='pkg.mod', names=[alias(name='a'), alias(name='b', as"
     "name='c')], level=2)], type_ignores=[])\n"},
    {"from m import *",
     "Module(body=[ImportFrom(module='m', names=[alias(name='*')], level=0)], type_ignores"
     "=[])\n"},
    {"if a: pass\nelif b: pass\nelse: pass",
     "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(i"
     "d='b', ctx=Load()), body=[Pass()], orelse=[Pass()])])], type_ignores=[])\n"},
    {"while x:\n    break\nelse:\n    continue",
     "Module(body=[While(test=Name(id='x', ctx=Load()), body=[Break()], orelse=[Continue()"
     "])], type_ignores=[])\n"},
    {"for i, j in k:\n    pass\nelse:\n    pass",
     "Module(body=[For(target=Tuple(elts=[Name(id='i', ctx=Store()), Name(id='j', ctx=Stor"
     "e())], ctx=Store()), iter=Name(id='k', ctx=Load()), body=[Pass()], orelse=[Pass()])]"
     ", type_ignores=[])\n"},
    {"with a as b, c:\n    pass",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_va"
     "rs=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()))], bod"
     "y=[Pass()])], type_ignores=[])\n"},
    {"with (a as b, c as d,):\n    pass",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_va"
     "rs=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()), optio"
     "nal_vars=Name(id='d', ctx=Store()))], body=[Pass()])], type_ignores=[])\n"},
    {"with (a, b):\n    pass",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load())), withitem(c"
     "ontext_expr=Name(id='b', ctx=Load()))], body=[Pass()])], type_ignores=[])\n"},
    {"try:\n    pass\nexcept E as e:\n    pass\nexcept (A, B):\n    pass\nexcept:\n    pas"
     "s\nelse:\n    pass\nfinally:\n    pass",
     "Module(body=[Try(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()"
     "), name='e', body=[Pass()]), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load())"
     ", Name(id='B', ctx=Load())], ctx=Load()), body=[Pass()]), ExceptHandler(body=[Pass()"
     "])], orelse=[Pass()], finalbody=[Pass()])], type_ignores=[])\n"},
    {"raise X from Y",
     "Module(body=[Raise(exc=Name(id='X', ctx=Load()), cause=Name(id='Y', ctx=Load()))], t"
     "ype_ignores=[])\n"},
    {"assert x, 'msg'",
     "Module(body=[Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='msg'))], type"
     "_ignores=[])\n"},
    {"@dec\n@dec2(1)\ndef f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    return a",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=["
     "arg(arg='b')], vararg=arg(arg='args'), kwonlyargs=[arg(arg='c'), arg(arg='d')], kw_d"
     "efaults=[None, Constant(value=2)], kwarg=arg(arg='kw'), defaults=[Constant(value=1)]"
     "), body=[Return(value=Name(id='a', ctx=Load()))], decorator_list=[Name(id='dec', ctx"
     "=Load()), Call(func=Name(id='dec2', ctx=Load()), args=[Constant(value=1)], keywords="
     "[])], returns=Name(id='int', ctx=Load()))], type_ignores=[])\n"},
    {"class A(B, metaclass=M):\n    x = 1",
     "Module(body=[ClassDef(name='A', bases=[Name(id='B', ctx=Load())], keywords=[keyword("
     "arg='metaclass', value=Name(id='M', ctx=Load()))], body=[Assign(targets=[Name(id='x'"
     ", ctx=Store())], value=Constant(value=1))], decorator_list=[])], type_ignores=[])\n"},
    {"lambda a, /, b=1, *c, d, **e: 0",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[arg(arg='a')], args=[arg("
     "arg='b')], vararg=arg(arg='c'), kwonlyargs=[arg(arg='d')], kw_defaults=[None], kwarg"
     "=arg(arg='e'), defaults=[Constant(value=1)]), body=Constant(value=0)))], type_ignore"
     "s=[])\n"},
    {"def g():\n    x = yield\n    y = yield from z\n    yield a, b",
     "Module(body=[FunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyarg"
     "s=[], kw_defaults=[], defaults=[]), body=[Assign(targets=[Name(id='x', ctx=Store())]"
     ", value=Yield()), Assign(targets=[Name(id='y', ctx=Store())], value=YieldFrom(value="
     "Name(id='z', ctx=Load()))), Expr(value=Yield(value=Tuple(elts=[Name(id='a', ctx=Load"
     "()), Name(id='b', ctx=Load())], ctx=Load())))], decorator_list=[])], type_ignores=[]"
     ")\n"},
    {"(y := 10)",
     "Module(body=[Expr(value=NamedExpr(target=Name(id='y', ctx=Store()), value=Constant(v"
     "alue=10)))], type_ignores=[])\n"},
    {"x = a if b else c",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=IfExp(test=Name(id='b"
     "', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=Name(id='c', ctx=Load())))], t"
     "ype_ignores=[])\n"},
    {"a < b < c",
     "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), Lt()], com"
     "parators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load())]))], type_ignores=[])\n"},
    {"a not in b is not c",
     "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[NotIn(), IsNot()"
     "], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load())]))], type_ignores"
     "=[])\n"},
    {"not a and b or c",
     "Module(body=[Expr(value=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[UnaryOp(op="
     "Not(), operand=Name(id='a', ctx=Load())), Name(id='b', ctx=Load())]), Name(id='c', c"
     "tx=Load())]))], type_ignores=[])\n"},
    {"-2**2", "Module(body=[Expr(value=UnaryOp(op=USub(), operand=BinOp(left=Constant(value=2), op="
              "Pow(), right=Constant(value=2))))], type_ignores=[])\n"},
    {"a ** -b ** c",
     "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=UnaryOp"
     "(op=USub(), operand=BinOp(left=Name(id='b', ctx=Load()), op=Pow(), right=Name(id='c'"
     ", ctx=Load())))))], type_ignores=[])\n"},
    {"~a + +b - -c * d / e // f % g @ h",
     "Module(body=[Expr(value=BinOp(left=BinOp(left=UnaryOp(op=Invert(), operand=Name(id='"
     "a', ctx=Load())), op=Add(), right=UnaryOp(op=UAdd(), operand=Name(id='b', ctx=Load()"
     "))), op=Sub(), right=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=UnaryOp("
     "op=USub(), operand=Name(id='c', ctx=Load())), op=Mult(), right=Name(id='d', ctx=Load"
     "())), op=Div(), right=Name(id='e', ctx=Load())), op=FloorDiv(), right=Name(id='f', c"
     "tx=Load())), op=Mod(), right=Name(id='g', ctx=Load())), op=MatMult(), right=Name(id="
     "'h', ctx=Load()))))], type_ignores=[])\n"},
    {"a << b >> c & d ^ e | f",
     "Module(body=[Expr(value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name("
     "id='a', ctx=Load()), op=LShift(), right=Name(id='b', ctx=Load())), op=RShift(), righ"
     "t=Name(id='c', ctx=Load())), op=BitAnd(), right=Name(id='d', ctx=Load())), op=BitXor"
     "(), right=Name(id='e', ctx=Load())), op=BitOr(), right=Name(id='f', ctx=Load())))], "
     "type_ignores=[])\n"},
    {"f(*a, **k, x=1)",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Starred(value=Name"
     "(id='a', ctx=Load()), ctx=Load())], keywords=[keyword(value=Name(id='k', ctx=Load())"
     "), keyword(arg='x', value=Constant(value=1))]))], type_ignores=[])\n"},
    {"async def f():\n    await x\n    async for a in b: pass\n    async with c as d: pass\n"
     "    return [y async for y in z]",
     "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonl"
     "yargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Await(value=Name(id='x', ctx"
     "=Load()))), AsyncFor(target=Name(id='a', ctx=Store()), iter=Name(id='b', ctx=Load()),"
     " body=[Pass()], orelse=[]), AsyncWith(items=[withitem(context_expr=Name(id='c', ctx=L"
     "oad()), optional_vars=Name(id='d', ctx=Store()))], body=[Pass()]), Return(value=ListC"
     "omp(elt=Name(id='y', ctx=Load()), generators=[comprehension(target=Name(id='y', ctx=S"
     "tore()), iter=Name(id='z', ctx=Load()), ifs=[], is_async=1)]))], decorator_list=[])],"
     " type_ignores=[])\n"},
    {"f(x for x in y)",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=N"
     "ame(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()),"
     " iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)])], keywords=[]))], type_ignores"
     "=[])\n"},
    {"a[1:2, ::3]",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=["
     "Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3"
     "))], ctx=Load()), ctx=Load()))], type_ignores=[])\n"},
    {"a[i]", "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Name(id='i',"
             " ctx=Load()), ctx=Load()))], type_ignores=[])\n"},
    {"a[*b]", "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=["
              "Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()), ctx=Load()))], ty"
              "pe_ignores=[])\n"},
    {"[*a, *b]",
     "Module(body=[Expr(value=List(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load("
     ")), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()))], type_ignore"
     "s=[])\n"},
    {"{**a, 'b': 1}",
     "Module(body=[Expr(value=Dict(keys=[None, Constant(value='b')], values=[Name(id='a', "
     "ctx=Load()), Constant(value=1)]))], type_ignores=[])\n"},
    {"{1, 2, *c}",
     "Module(body=[Expr(value=Set(elts=[Constant(value=1), Constant(value=2), Starred(valu"
     "e=Name(id='c', ctx=Load()), ctx=Load())]))], type_ignores=[])\n"},
    {"[x for x in y if x for z in x]",
     "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehen"
     "sion(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[Name(id='"
     "x', ctx=Load())], is_async=0), comprehension(target=Name(id='z', ctx=Store()), iter="
     "Name(id='x', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])\n"},
    {"{k: v for k, v in d}",
     "Module(body=[Expr(value=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ct"
     "x=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), N"
     "ame(id='v', ctx=Store())], ctx=Store()), iter=Name(id='d', ctx=Load()), ifs=[], is_a"
     "sync=0)]))], type_ignores=[])\n"},
    {"{x for x in y}",
     "Module(body=[Expr(value=SetComp(elt=Name(id='x', ctx=Load()), generators=[comprehens"
     "ion(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_asyn"
     "c=0)]))], type_ignores=[])\n"},
    {"(x for x in y)",
     "Module(body=[Expr(value=GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[compr"
     "ehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is"
     "_async=0)]))], type_ignores=[])\n"},
    {"()", "Module(body=[Expr(value=Tuple(elts=[], ctx=Load()))], type_ignores=[])\n"},
    {"(1,)", "Module(body=[Expr(value=Tuple(elts=[Constant(value=1)], ctx=Load()))], type_ignores="
             "[])\n"},
    {"1, 2,", "Module(body=[Expr(value=Tuple(elts=[Constant(value=1), Constant(value=2)], ctx=Load("
              ")))], type_ignores=[])\n"},
    {"print", "Module(body=[Expr(value=Name(id='print', ctx=Load()))], type_ignores=[])\n"},
    {"match = 3\nmatch(x)\ncase = 1",
     "Module(body=[Assign(targets=[Name(id='match', ctx=Store())], value=Constant(value=3)"
     "), Expr(value=Call(func=Name(id='match', ctx=Load()), args=[Name(id='x', ctx=Load())"
     "], keywords=[])), Assign(targets=[Name(id='case', ctx=Store())], value=Constant(valu"
     "e=1))], type_ignores=[])\n"},
    {"global a, b\nnonlocal c",
     "Module(body=[Global(names=['a', 'b']), Nonlocal(names=['c'])], type_ignores=[])\n"},
    {"'a' 'b'", "Module(body=[Expr(value=Constant(value='ab'))], type_ignores=[])\n"},
    {"b'a' b'\\x00'", "Module(body=[Expr(value=Constant(value=b'a\\x00'))], type_ignores=[])\n"},
    {"u'abc'", "Module(body=[Expr(value=Constant(value='abc', kind='u'))], type_ignores=[])\n"},
    {"f'a{b!r:>{w}}c' 'd'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='a'), FormattedValue(value="
     "Name(id='b', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(val"
     "ue='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)])), Constant("
     "value='cd')]))], type_ignores=[])\n"},
    {"f'{x=}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), FormattedValue(value"
     "=Name(id='x', ctx=Load()), conversion=114)]))], type_ignores=[])\n"},
    {"f'{x=:>10}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), FormattedValue(value"
     "=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(val"
     "ue='>10')]))]))], type_ignores=[])\n"},
    {"f'{x=!s}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), FormattedValue(value"
     "=Name(id='x', ctx=Load()), conversion=115)]))], type_ignores=[])\n"},
    {"f'{{}}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='{}')]))], type_ignores=[])"
     "\n"},
    {"rf'\\n{x}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='\\\\n'), FormattedValue(va"
     "lue=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])\n"},
    {"'\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\r\\0\\777\\x41\\u00e9\\U0001F600\\N{BULLET}\\q'",
     "Module(body=[Expr(value=Constant(value='\\n\\t\\\\\\'\"\\x07\\x08\\x0c\\x0b\\r\\x00"
     "\307\277A\303\251\360\237\230\200\342\200\242\\\\q'))], type_ignores=[])\n"},
    {"0xff + 0o17 + 0b101 + 1_000 + 1.5e3 + 3j + 10**100",
     "Module(body=[Expr(value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp"
     "(left=Constant(value=255), op=Add(), right=Constant(value=15)), op=Add(), right=Cons"
     "tant(value=5)), op=Add(), right=Constant(value=1000)), op=Add(), right=Constant(valu"
     "e=1500.0)), op=Add(), right=Constant(value=3j)), op=Add(), right=BinOp(left=Constant"
     "(value=10), op=Pow(), right=Constant(value=100))))], type_ignores=[])\n"},
    {"...", "Module(body=[Expr(value=Constant(value=Ellipsis))], type_ignores=[])\n"},
    {"None, True, False",
     "Module(body=[Expr(value=Tuple(elts=[Constant(value=None), Constant(value=True), Cons"
     "tant(value=False)], ctx=Load()))], type_ignores=[])\n"},
    {"a.b.c(d)[e]",
     "Module(body=[Expr(value=Subscript(value=Call(func=Attribute(value=Attribute(value=Na"
     "me(id='a', ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Load()), args=[Name(id="
     "'d', ctx=Load())], keywords=[]), slice=Name(id='e', ctx=Load()), ctx=Load()))], type"
     "_ignores=[])\n"},
    {"x = *a, *b",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Starred(v"
     "alue=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), "
     "ctx=Load())], ctx=Load()))], type_ignores=[])\n"},
    {"for x, in y: pass",
     "Module(body=[For(target=Tuple(elts=[Name(id='x', ctx=Store())], ctx=Store()), iter=N"
     "ame(id='y', ctx=Load()), body=[Pass()], orelse=[])], type_ignores=[])\n"},
    {"if x:\n    # comment\n\n    pass\n",
     "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Pass()], orelse=[])], type_igno"
     "res=[])\n"},
    {"x = (1 +\n     2)",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(v"
     "alue=1), op=Add(), right=Constant(value=2)))], type_ignores=[])\n"},
    {"x = 1 + \\\n    2",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(v"
     "alue=1), op=Add(), right=Constant(value=2)))], type_ignores=[])\n"},
};

typedef struct {
    const char *src;
    const char *type;
    const char *msg;
    int lineno, offset; // as CPython's SyntaxError.lineno / .offset
} error_case_t;

// Expected errors generated with CPython 3.11.
static const error_case_t error_cases[] = {
    {"f() = 1", "SyntaxError",
     "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1},
    {"1 = x", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?",
     1, 1},
    {"(a, f()) = 1", "SyntaxError", "cannot assign to function call", 1, 5},
    {"if x\n  pass", "SyntaxError", "expected ':'", 1, 5},
    {"if x:\npass", "IndentationError", "expected an indented block after 'if' statement on line 1",
     2, 1},
    {"x = 1\n  y = 2", "IndentationError", "unexpected indent", 2, 2},
    {"if x:\n  a\n b\n", "IndentationError", "unindent does not match any outer indentation level",
     3, 3},
    {"if x:\n\ta\n        b\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3,
     1},
    {"'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 1},
    {"'''abc\n\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)",
     1, 1},
    {"foo(\n", "SyntaxError", "'(' was never closed", 1, 4},
    {"print('a'\nx=1\n", "SyntaxError", "'(' was never closed", 1, 6},
    {"x = )", "SyntaxError", "unmatched ')'", 1, 5},
    {"x = (]", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '('", 1,
     6},
    {"f(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3},
    {"f(x=1, y)", "SyntaxError", "positional argument follows keyword argument", 1, 9},
    {"def f(a=1, b): pass", "SyntaxError", "non-default argument follows default argument", 1, 12},
    {"0123", "SyntaxError",
     "leading zeros in decimal integer literals are not permitted; "
     "use an 0o prefix for octal integers",
     1, 1},
    {"1__0", "SyntaxError", "invalid decimal literal", 1, 2},
    {"a b", "SyntaxError", "invalid syntax", 1, 3},
    {"x = 1 +", "SyntaxError", "invalid syntax", 1, 8},
    {"print 'x'", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?",
     1, 1},
    {"del f()", "SyntaxError", "cannot delete function call", 1, 5},
    {"for f() in x: pass", "SyntaxError", "cannot assign to function call", 1, 5},
    {"f(**k, *a)", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking",
     1, 8},
    {"def f(*): pass", "SyntaxError", "named arguments must follow bare *", 1, 7},
    {"try:\n    pass\nx = 1", "SyntaxError", "expected 'except' or 'finally' block", 3, 1},
    {"if x = 1: pass", "SyntaxError",
     "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4},
    {"f'{a b}'", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 1, 2},
    {"f'{}'", "SyntaxError", "f-string: empty expression not allowed", 1, 6},
    {"b'a' 'b'", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 9},
    {"x = [x, y for x in z]", "SyntaxError",
     "did you forget parentheses around the comprehension target?", 1, 6},
    {"lambda x=1, y: 0", "SyntaxError", "non-default argument follows default argument", 1, 13},
    {"from x import a,", "SyntaxError",
     "trailing comma not allowed without surrounding parentheses", 1, 17},
    {"a = yield = 1", "SyntaxError", "assignment to yield expression not possible", 1, 5},
    {"try:\n    pass\nexcept* E:\n    pass\nexcept F:\n    pass", "SyntaxError",
     "cannot have both 'except' and 'except*' on the same 'try'", 5, 1},
    {"try:\n    pass\nexcept E:\n    pass\nexcept* F:\n    pass", "SyntaxError",
     "cannot have both 'except' and 'except*' on the same 'try'", 5, 1},
    {"try:\n    pass\nexcept*:\n    pass", "SyntaxError", "expected one or more exception types", 3,
     8},
};

static char *dump_source(const char *src, parse_mode_t mode, parse_error_t *err) {
    ast_arena_t *arena = ast_arena_new();
    ast_mod_t *mod = parse_source(arena, src, strlen(src), "<test>", mode, err);
    char *buf = NULL;
    size_t len = 0;
    if (mod) {
        FILE *f = open_memstream(&buf, &len);
        ast_dump(f, mod);
        fclose(f);
    }
    ast_arena_free(arena);
    return buf;
}

static void test_dumps_match_cpython(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof(dump_cases) / sizeof(dump_cases[0]); i++) {
        parse_error_t err;
        char *got = dump_source(dump_cases[i].src, PARSE_FILE, &err);
        if (!got) {
            fail_msg("%s: unexpected %s: %s", dump_cases[i].src, err.type, err.msg);
        }
        if (strcmp(got, dump_cases[i].dump) != 0) {
            fail_msg("%s:\n got  %s\n want %s", dump_cases[i].src, got, dump_cases[i].dump);
        }
        free(got);
        parse_error_clear(&err);
    }
}

static void test_errors_match_cpython(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
        const error_case_t *c = &error_cases[i];
        parse_error_t err;
        char *got = dump_source(c->src, PARSE_FILE, &err);
        if (got) {
            fail_msg("%s: parsed but CPython says %s", c->src, c->msg);
        }
        if (strcmp(err.msg, c->msg) != 0 || strcmp(err.type, c->type) != 0 ||
            err.lineno != c->lineno || err.col_offset != c->offset) {
            fail_msg("%s:\n got  %s: %s (%d:%d)\n want %s: %s (%d:%d)", c->src, err.type, err.msg,
                     err.lineno, err.col_offset, c->type, c->msg, c->lineno, c->offset);
        }
        assert_non_null(err.text);
        parse_error_clear(&err);
        assert_null(err.text);
    }
}

static void expect_error(const char *src, const char *msg) {
    parse_error_t err;
    char *got = dump_source(src, PARSE_FILE, &err);
    if (got) {
        fail_msg("%s: parsed, expected %s", src, msg);
    }
    assert_string_equal(err.msg, msg);
    parse_error_clear(&err);
}

static void test_unsupported_features(void **state) {
    (void)state;
    // the soft keywords remain usable as names
    parse_error_t err;
    char *got =
        dump_source("match = 1\nmatch(x)\nmatch[1] = case\nmatch.x: int\n", PARSE_FILE, &err);
    assert_non_null(got);
    free(got);
    char *star = dump_source("try:\n    pass\nexcept* E as e:\n    pass", PARSE_FILE, &err);
    assert_non_null(star); // except* is supported
    assert_string_equal(star, "Module(body=[TryStar(body=[Pass()], handlers=[ExceptHandler("
                              "type=Name(id='E', ctx=Load()), name='e', body=[Pass()])], "
                              "orelse=[], finalbody=[])], type_ignores=[])\n");
    free(star);
    // async and await are keywords, not names
    expect_error("async = 1\n", "invalid syntax");
    expect_error("await = 1\n", "invalid syntax");
}

static ast_mod_t *parse_ok(ast_arena_t *arena, const char *src, parse_mode_t mode) {
    parse_error_t err;
    ast_mod_t *mod = parse_source(arena, src, strlen(src), "<test>", mode, &err);
    if (!mod) {
        fail_msg("%s: %s", src, err.msg);
    }
    return mod;
}

static void test_node_fields(void **state) {
    (void)state;
    ast_arena_t *arena = ast_arena_new();
    ast_mod_t *m = parse_ok(arena,
                            "def f(a, /, b=1, *c, d, e=2, **g) -> int:\n"
                            "    return a < b <= c\n",
                            PARSE_FILE);
    assert_int_equal(m->kind, MOD_MODULE);
    assert_int_equal(m->body.n, 1);
    ast_stmt_t *s = m->body.items[0];
    assert_int_equal(s->kind, STMT_FUNCTIONDEF);
    assert_string_equal(s->v.functiondef.name, "f");
    ast_arguments_t *a = s->v.functiondef.args;
    assert_int_equal(a->posonlyargs.n, 1);
    assert_int_equal(a->args.n, 1);
    assert_string_equal(a->vararg->arg, "c");
    assert_int_equal(a->kwonlyargs.n, 2);
    assert_int_equal(a->kw_defaults.n, 2);
    assert_null(a->kw_defaults.items[0]);
    assert_non_null(a->kw_defaults.items[1]);
    assert_string_equal(a->kwarg->arg, "g");
    assert_int_equal(a->defaults.n, 1);
    assert_int_equal(s->v.functiondef.returns->kind, EXPR_NAME);
    assert_int_equal(s->lineno, 1);
    assert_int_equal(s->end_lineno, 2);
    assert_int_equal(s->end_col_offset, 21);
    ast_stmt_t *r = s->v.functiondef.body.items[0];
    assert_int_equal(r->kind, STMT_RETURN);
    ast_expr_t *c = r->v.return_.value;
    assert_int_equal(c->kind, EXPR_COMPARE); // one node for a chained comparison
    assert_int_equal(c->v.compare.ops.n, 2);
    assert_int_equal(c->v.compare.ops.items[0], CMP_LT);
    assert_int_equal(c->v.compare.ops.items[1], CMP_LTE);
    assert_int_equal(c->col_offset, 11);
    assert_int_equal(c->end_col_offset, 21);

    m = parse_ok(arena, "x = 0x_FF + 1_0.5e1 + 2j + 'a\\0b' + b'\\xff'\n", PARSE_FILE);
    ast_expr_t *e = m->body.items[0]->v.assign.value;
    // ((((0xFF + 10.5e1) + 2j) + 'a\0b') + b'\xff')
    ast_expr_t *bytes = e->v.binop.right;
    assert_int_equal(bytes->v.constant.kind, CONST_BYTES);
    assert_int_equal(bytes->v.constant.len, 1);
    assert_int_equal((unsigned char)bytes->v.constant.s[0], 0xff);
    ast_expr_t *str = e->v.binop.left->v.binop.right;
    assert_int_equal(str->v.constant.kind, CONST_STR);
    assert_int_equal(str->v.constant.len, 3);
    assert_memory_equal(str->v.constant.s, "a\0b", 3);
    ast_expr_t *imag = e->v.binop.left->v.binop.left->v.binop.right;
    assert_int_equal(imag->v.constant.kind, CONST_IMAG);
    assert_true(imag->v.constant.f == 2.0);
    ast_expr_t *fl = e->v.binop.left->v.binop.left->v.binop.left->v.binop.right;
    assert_int_equal(fl->v.constant.kind, CONST_FLOAT);
    assert_true(fl->v.constant.f == 105.0);
    ast_expr_t *hex = e->v.binop.left->v.binop.left->v.binop.left->v.binop.left;
    assert_int_equal(hex->v.constant.kind, CONST_INT);
    assert_int_equal(hex->v.constant.base, 16);
    assert_string_equal(hex->v.constant.digits, "FF");

    m = parse_ok(arena, "f'{x!r:{w}.{p}f}'", PARSE_FILE);
    e = m->body.items[0]->v.expr.value;
    assert_int_equal(e->kind, EXPR_JOINEDSTR);
    ast_expr_t *fv = e->v.joinedstr.values.items[0];
    assert_int_equal(fv->kind, EXPR_FORMATTEDVALUE);
    assert_int_equal(fv->v.formattedvalue.conversion, 'r');
    assert_int_equal(fv->v.formattedvalue.value->col_offset, 3); // real source column
    ast_expr_t *spec = fv->v.formattedvalue.format_spec;
    assert_int_equal(spec->kind, EXPR_JOINEDSTR);
    assert_int_equal(spec->v.joinedstr.values.n, 4); // {w} '.' {p} 'f'

    m = parse_ok(arena, "1 + 2, 3\n\n", PARSE_EVAL);
    assert_int_equal(m->kind, MOD_EXPRESSION);
    assert_int_equal(m->expr->kind, EXPR_TUPLE);
    m = parse_ok(arena, "if x:\n    pass\n", PARSE_SINGLE);
    assert_int_equal(m->kind, MOD_INTERACTIVE);
    assert_int_equal(m->body.n, 1);
    ast_arena_free(arena);
}

static void test_single_and_eval_errors(void **state) {
    (void)state;
    parse_error_t err;
    ast_arena_t *arena = ast_arena_new();
    assert_null(parse_source(arena, "x = 1", 5, NULL, PARSE_EVAL, &err));
    assert_string_equal(err.msg, "invalid syntax");
    parse_error_clear(&err);
    assert_null(parse_source(arena, "x = 1\ny = 2\n", 12, NULL, PARSE_SINGLE, &err));
    assert_string_equal(err.msg, "multiple statements found while compiling a single statement");
    parse_error_clear(&err);
    assert_null(parse_source(arena, "x\0y", 3, NULL, PARSE_FILE, &err));
    assert_string_equal(err.msg, "source code cannot contain null bytes");
    parse_error_clear(&err);
    ast_arena_free(arena);
}

static const char sample_program[] =
    "import os, sys as system\n"
    "from collections import (OrderedDict as OD, defaultdict,)\n"
    "@decorator(arg=1)\n"
    "class Point(Base, metaclass=Meta):\n"
    "    \"\"\"doc\"\"\"\n"
    "    def __init__(self, x: int = 0, *args, y=f'{1+2!r:>{width}}', **kw) -> None:\n"
    "        self.x, self.y = x, y\n"
    "        total: float = sum(v ** 2 for v in (x, y) if v)\n"
    "        with open(x) as fh, ctx() as (a, b):\n"
    "            data = [line.strip() for line in fh if not line.startswith('#')]\n"
    "        try:\n"
    "            value = {k: v for k, v in kw.items()}\n"
    "        except (KeyError, ValueError) as exc:\n"
    "            raise RuntimeError('bad') from exc\n"
    "        finally:\n"
    "            del data[1:2, ::3]\n"
    "        while (n := len(args)) > 10:\n"
    "            args = args[1:]\n"
    "        else:\n"
    "            lam = lambda a, *b, c=3, **d: (a, b, c, d)\n"
    "        return x if x > 0 else -y ** 2\n";

// Parse in every mode; either a tree or a well-formed error must come back.
static void parse_any(const char *src, size_t n) {
    ast_arena_t *arena = ast_arena_new();
    parse_error_t err;
    for (int mode = PARSE_FILE; mode <= PARSE_SINGLE; mode++) {
        ast_mod_t *m = parse_source(arena, src, n, "<fuzz>", (parse_mode_t)mode, &err);
        if (!m) {
            assert_non_null(err.type);
            assert_true(err.msg[0] != '\0');
        }
        parse_error_clear(&err);
    }
    ast_arena_free(arena);
}

static void test_truncated_and_mutated(void **state) {
    (void)state;
    size_t len = strlen(sample_program);
    parse_error_t err;
    char *full = dump_source(sample_program, PARSE_FILE, &err);
    assert_non_null(full);
    free(full);
    // every third prefix
    for (size_t n = 0; n <= len; n += 3) {
        parse_any(sample_program, n);
    }
    // random byte replacements, then short runs of random bytes
    char *buf = malloc(len + 1);
    unsigned seed = 42;
    for (int i = 0; i < 300; i++) {
        memcpy(buf, sample_program, len + 1);
        for (int k = 0; k < 1 + i % 4; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t pos = (seed >> 8) % len;
            seed = seed * 1103515245u + 12345u;
            buf[pos] = "()[]{}:'\"\\\n\t =,.*@fx1#"[(seed >> 16) % 23];
        }
        parse_any(buf, len);
    }
    for (int i = 0; i < 200; i++) {
        size_t n = (size_t)(i % 64) + 1;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            buf[k] = (char)(seed >> 16);
        }
        parse_any(buf, n);
    }
    free(buf);
}

static void test_deep_nesting(void **state) {
    (void)state;
    size_t n = 100000;
    char *buf = malloc(n + 2);
    const char *kinds[] = {"(",   "[",  "{", "-", "not ", "lambda:", "f(", "x if y else ",
                           "a**", "f'{"};
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        size_t pl = strlen(kinds[k]), i = 0;
        while (i + pl < n) {
            memcpy(buf + i, kinds[k], pl);
            i += pl;
        }
        buf[i++] = '1';
        buf[i] = '\0';
        parse_error_t err;
        char *got = dump_source(buf, PARSE_FILE, &err);
        assert_null(got);
        assert_non_null(err.type);
        parse_error_clear(&err);
    }
    // moderate nesting is fine
    strcpy(buf, "x = ((((((((((((((((((((1))))))))))))))))))))\n");
    parse_error_t err;
    char *got = dump_source(buf, PARSE_FILE, &err);
    assert_non_null(got);
    free(got);
    free(buf);
}

// Repeat `unit` n times between `head` and `tail` into a fresh malloc'ed string.
static char *repeat(const char *head, const char *unit, size_t n, const char *tail) {
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * n, tail, tl + 1);
    return s;
}

static void test_deep_chains(void **state) {
    (void)state;
    // Left-associative chains are built iteratively: they parse, and the dumper cuts off
    // the part deeper than it can recurse.
    const char *units[] = {"+1", ".a", "()", "[0]", "*x"};
    for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
        char *src = repeat("x", units[k], 200000, "\n");
        parse_error_t err;
        char *got = dump_source(src, PARSE_FILE, &err);
        assert_non_null(got);
        assert_non_null(strstr(got, "..."));
        free(got);
        free(src);
    }
    // Right-nested chains exhaust the parser stack: a bare MemoryError, as in CPython 3.11.
    const char *prefixes[] = {"-", "not ", "lambda: ", "1 if 1 else ", "2**"};
    for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
        char *src = repeat("", prefixes[k], 100000, "1\n");
        parse_error_t err;
        assert_null(dump_source(src, PARSE_FILE, &err));
        assert_string_equal(err.type, "MemoryError");
        assert_string_equal(err.msg, "");
        parse_error_clear(&err);
        free(src);
    }
    // Nested calls: 200 levels are fine (one per call), the 201st bracket is rejected.
    for (size_t n = 199; n <= 201; n++) {
        char *head = repeat("", "f(", n, "");
        char *src = repeat(head, ")", n, "\n");
        parse_error_t err;
        char *got = dump_source(src, PARSE_FILE, &err);
        if (n <= 200) {
            assert_non_null(got);
        } else {
            assert_null(got);
            assert_string_equal(err.msg, "too many nested parentheses");
        }
        free(got);
        parse_error_clear(&err);
        free(head);
        free(src);
    }
}

static void *deep_parse_thread(void *arg) {
    const char *src = arg;
    parse_error_t err;
    ast_arena_t *arena = ast_arena_new();
    ast_mod_t *mod = parse_source(arena, src, strlen(src), "<test>", PARSE_FILE, &err);
    // Either it fits or the stack guard stops it with the parser's MemoryError.
    void *res = mod || strcmp(err.type, "MemoryError") == 0 ? NULL : (void *)1;
    parse_error_clear(&err);
    ast_arena_free(arena);
    return res;
}

static void test_small_thread_stack(void **state) {
    (void)state;
    // Deep enough for a 256 KiB stack, within the parser's level budget.
    const char *shapes[] = {"-", "not ", "lambda: ", "2**", "1 if 1 else "};
    const size_t counts[] = {5900, 5900, 2900, 2900, 5900};
    for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
        char *src = repeat("", shapes[k], counts[k], "1\n");
        pthread_attr_t attr;
        pthread_t th;
        void *res = (void *)2;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 256 * 1024);
        assert_int_equal(pthread_create(&th, &attr, deep_parse_thread, src), 0);
        pthread_join(th, &res);
        pthread_attr_destroy(&attr);
        assert_null(res);
        free(src);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_thread_stack),     cmocka_unit_test(test_deep_chains),
        cmocka_unit_test(test_dumps_match_cpython),    cmocka_unit_test(test_errors_match_cpython),
        cmocka_unit_test(test_unsupported_features),   cmocka_unit_test(test_node_fields),
        cmocka_unit_test(test_single_and_eval_errors), cmocka_unit_test(test_truncated_and_mutated),
        cmocka_unit_test(test_deep_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
