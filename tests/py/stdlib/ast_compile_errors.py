# compile() of malformed _ast trees: CPython 3.11's TypeError / ValueError for missing fields,
# wrong types, wrong contexts and shapes its validator rejects -- never a crash.
import ast

def t(label, tree, mode="exec"):
    try:
        compile(tree, "<ast>", mode)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, str(e).split(" at 0x")[0])

P = dict(lineno=1, col_offset=0)
Q = dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)
def M(*stmts): return ast.Module(list(stmts), [])
def N(x, ctx=ast.Load): return ast.Name(x, ctx(), **P)
def C(p): return M(ast.Match(N("x"), [ast.match_case(p, None, [ast.Pass(**P)])], **P))
def E(e): return M(ast.Expr(e, **P))
ARGS = ast.arguments([], [], None, [], [], None, [])

t("no lineno", M(ast.Expr(ast.Name("x", ast.Load()))))
t("expr no lineno", M(ast.Expr(ast.Name("x", ast.Load()), **P)))
t("int as expr", M(ast.Expr(3, **P)))
t("body not list", ast.Module(ast.Expr(3, **P), []))
t("type_ignores int", ast.Module([], 5))
t("no type_ignores", ast.Module([]))
t("ident not str", ast.Expression(ast.Name(1, ast.Load(), **P)), "eval")
t("store in eval", ast.Expression(N("x", ast.Store)), "eval")
t("Expression in exec", ast.Expression(N("x")), "exec")
t("Module in eval", M(), "eval")
t("Interactive in exec", ast.Interactive([]), "exec")
t("ctx 5", ast.Expression(ast.Name("x", 5, **P)), "eval")
t("lineno str", ast.Expression(ast.Name("x", ast.Load(), lineno="a", col_offset=0)), "eval")
t("lineno huge", ast.Expression(ast.Name("x", ast.Load(), lineno=2**40, col_offset=0)), "eval")
t("const list", ast.Expression(ast.Constant([1], **P)), "eval")
t("const nested", E(ast.Constant((1, [2]), **P)))
t("const kind int", E(ast.Constant(1, kind=5, **P)))
t("BoolOp 0", ast.Expression(ast.BoolOp(ast.And(), [], **P)), "eval")
t("empty def", M(ast.FunctionDef("f", ARGS, [], [], **P)))
t("not AST", 5)
t("Name as mod", ast.Name("x", ast.Load()))
t("required None", M(ast.Expr(None, **P)))
t("Name id None", E(ast.Name(None, ast.Load(), **P)))
t("expected expr", M(ast.Expr(ast.Pass(**P), **P)))
t("expected stmt", M(ast.Name("x", ast.Load(), **P)))
t("op not op", E(ast.BinOp(N("a"), ast.Load(), N("b"), **P)))
t("cmpops", E(ast.Compare(N("a"), [ast.Add()], [N("b")], **P)))
t("Compare 0", E(ast.Compare(N("a"), [ast.Eq()], [], **P)))
t("Compare n", E(ast.Compare(N("a"), [], [N("b")], **P)))
t("Dict n", E(ast.Dict([None], [], **P)))
t("comp 0", E(ast.ListComp(N("a"), [], **P)))
t("assign const", M(ast.Assign([ast.Constant(1, **P)], ast.Constant(1, **P), **P)))
t("assign load", M(ast.Assign([N("a")], ast.Constant(1, **P), **P)))
t("delete 0", M(ast.Delete([], **P)))
t("Name None", E(ast.Name("None", ast.Load(), **P)))
t("raise cause", M(ast.Raise(None, N("a"), **P)))
t("try bare", M(ast.Try([ast.Pass(**P)], [], [], [], **P)))
t("try orelse", M(ast.Try([ast.Pass(**P)], [], [ast.Pass(**P)], [ast.Pass(**P)], **P)))
t("trystar bare", M(ast.TryStar([ast.Pass(**P)], [], [], [], **P)))
t("handler empty", M(ast.Try([ast.Pass(**P)], [ast.ExceptHandler(None, None, [], **P)], [], [], **P)))
t("import level", M(ast.ImportFrom("x", [ast.alias("y", None, **P)], -1, **P)))
t("import 0", M(ast.Import([], **P)))
t("global 0", M(ast.Global([], **P)))
t("kwonly", E(ast.Lambda(ast.arguments([], [], None, [ast.arg("k", None, **P)], [], None, []), N("a"), **P)))
t("defaults", E(ast.Lambda(ast.arguments([], [], None, [], [], None, [N("d")]), N("a"), **P)))
t("annassign", M(ast.AnnAssign(ast.Attribute(N("a"), "b", ast.Store(), **P), N("int"), None, 1, **P)))
t("list None", E(ast.List([None], ast.Load(), **P)))
t("stmt None", ast.Module([None], []))
t("with 0", M(ast.With([], [ast.Pass(**P)], **P)))
t("if empty", M(ast.If(N("a"), [], [], **P)))
t("async def empty", M(ast.AsyncFunctionDef("f", ARGS, [], [], None, **P)))
t("classdef empty", M(ast.ClassDef("C", [], [], [], [], **P)))
t("for empty", M(ast.For(N("a", ast.Store), N("b"), [], [], **P)))
t("while empty", M(ast.While(N("a"), [], [], **P)))
t("fv conversion", E(ast.FormattedValue(N("a"), 5, None, **P)))
t("arguments None", E(ast.Lambda(None, N("a"), **P)))
t("arg missing", E(ast.Lambda(ast.arguments([], [None], None, [], [], None, []), N("a"), **P)))
t("keyword missing", E(ast.Call(N("f"), [], [ast.keyword(value=N("x"))], **P)))
t("args not list", E(ast.Call(N("f"), (), [], **P)))
t("match 0", M(ast.Match(N("x"), [], **P)))
t("pattern no end", M(ast.Match(N("x"), [ast.match_case(ast.MatchAs(None, "y", **P), None, [ast.Pass(**P)])], **P)))
t("MatchValue name", C(ast.MatchValue(N("y"), **Q)))
t("MatchValue store", C(ast.MatchValue(ast.Attribute(N("y"), "z", ast.Store(), **P), **Q)))
t("MatchValue None", C(ast.MatchValue(ast.Constant(None, **P), **Q)))
t("MatchValue -name", C(ast.MatchValue(ast.UnaryOp(ast.USub(), N("a"), **P), **Q)))
t("MatchValue 1+1", C(ast.MatchValue(ast.BinOp(ast.Constant(1, **P), ast.Add(), ast.Constant(1, **P), **P), **Q)))
t("MatchStar top", C(ast.MatchStar("y", **Q)))
t("MatchAs no name", C(ast.MatchAs(ast.MatchAs(None, "z", **Q), None, **Q)))
t("MatchAs _", C(ast.MatchAs(None, "_", **Q)))
t("MatchOr 0", C(ast.MatchOr([], **Q)))
t("MatchOr 1", C(ast.MatchOr([ast.MatchAs(None, "z", **Q)], **Q)))
t("MatchClass const", C(ast.MatchClass(ast.Constant(1, **P), [], [], [], **Q)))
t("MatchClass kw", C(ast.MatchClass(N("C"), [], ["a"], [], **Q)))
t("MatchMapping n", C(ast.MatchMapping([ast.Constant(1, **P)], [], None, **Q)))
t("MatchMapping name key", C(ast.MatchMapping([N("k")], [ast.MatchAs(None, "v", **Q)], None, **Q)))
t("MatchMapping rest _", C(ast.MatchMapping([], [], "_", **Q)))
t("MatchSingleton 5", C(ast.MatchSingleton(5, **Q)))
t("MatchAs None name", C(ast.MatchAs(None, "None", **Q)))
t("match_case empty", M(ast.Match(N("x"), [ast.match_case(ast.MatchAs(None, "a", **Q), None, [])], **P)))
t("pattern as expr", C(N("x")))
t("good match", C(ast.MatchSequence([ast.MatchValue(ast.UnaryOp(ast.USub(), ast.Constant(1, **P), **P), **Q),
                                      ast.MatchStar("r", **Q)], **Q)))
t("good complex", C(ast.MatchValue(ast.BinOp(ast.Constant(1, **P), ast.Add(), ast.Constant(2j, **P), **P), **Q)))
t("good", M(ast.Expr(ast.Call(N("print"), [ast.Constant("fine", **P)], [], **P), **P)))

K = lambda v: ast.Constant(v, **P)
U = lambda v: ast.UnaryOp(ast.USub(), v, **P)
B = lambda l, op, r: ast.BinOp(l, op, r, **P)
for lab, e in [("-s", U(K("s"))), ("-1", U(K(1))), ("-1j", U(K(1j))), ("-True", U(K(True))),
               ("+1", ast.UnaryOp(ast.UAdd(), K(1), **P)), ("1+2", B(K(1), ast.Add(), K(2))),
               ("1+2j", B(K(1), ast.Add(), K(2j))), ("1j+1", B(K(1j), ast.Add(), K(1))),
               ("-1+2j", B(U(K(1)), ast.Add(), K(2j))), ("1.5-2j", B(K(1.5), ast.Sub(), K(2j))),
               ("1*2j", B(K(1), ast.Mult(), K(2j))), ("1+-2j", B(K(1), ast.Add(), U(K(2j)))),
               ("-(1+2j)", U(B(K(1), ast.Add(), K(2j)))), ("1+x", B(K(1), ast.Add(), N("x"))),
               ("bytes", K(b"x")), ("Ellipsis", K(...)), ("tuple", K((1, 2))),
               ("True+1j", B(K(True), ast.Add(), K(1j))), ("1j+2j", B(K(1j), ast.Add(), K(2j))),
               ("big", K(10**30)), ("str", K("s"))]:
    t("MatchValue " + lab, C(ast.MatchValue(e, **Q)))

# The compiled pattern trees run.
tree = ast.parse("match v:\n case -1 | 1.5 - 2j | 'a' | b'b' | 1000000000000000000000000000000: r = 'lit'\n"
                 " case {'k': [1, *rest]}: r = rest\n case _: r = None\n")
code = compile(tree, "<m>", "exec")
for v in (-1, 1.5 - 2j, 'a', b'b', 10**30, {'k': [1, 2, 3]}, 7):
    ns = {'v': v}
    exec(code, ns)
    print(v, ns['r'])
