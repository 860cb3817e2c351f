# Odd but well-formed _ast trees the parser never makes (bare slices, starred targets, odd
# f-string parts, misplaced statements, bad positions): compile() accepts or rejects each as
# CPython 3.11 does, never crashing.
import ast
P = dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)
def N(x, ctx=ast.Load): return ast.Name(x, ctx(), **P)
def K(v): return ast.Constant(v, **P)
def t(label, tree, mode="exec"):
    try:
        ast.fix_missing_locations(tree)
        c = compile(tree, "<ast>", mode)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, str(e).split(" at 0x")[0])
def M(*s): return ast.Module(list(s), [])
def E(e): return M(ast.Expr(e, **P))
t("slice alone", E(ast.Slice(K(1), K(2), None, **P)))
t("starred alone", M(ast.Assign([ast.Starred(N("a", ast.Store), ast.Store(), **P)], K(1), **P)))
t("two starred", M(ast.Assign([ast.Tuple([ast.Starred(N("a", ast.Store), ast.Store(), **P), ast.Starred(N("b", ast.Store), ast.Store(), **P)], ast.Store(), **P)], N("c"), **P)))
t("starred load expr", E(ast.Starred(N("a"), ast.Load(), **P)))
t("joined name", E(ast.JoinedStr([N("a")], **P)))
t("joined int", E(ast.JoinedStr([K(1)], **P)))
t("fv spec const", E(ast.FormattedValue(N("a"), -1, K("x"), **P)))
t("fv spec name", E(ast.FormattedValue(N("a"), -1, N("b"), **P)))
t("fv alone", E(ast.FormattedValue(N("a"), 115, None, **P)))
t("subscript starred slice", E(ast.Subscript(N("a"), ast.Starred(N("b"), ast.Load(), **P), ast.Load(), **P)))
t("call starred kw", E(ast.Call(N("f"), [], [ast.keyword("a", ast.Starred(N("b"), ast.Load(), **P), **P)], **P)))
t("dict starred", E(ast.Dict([K(1)], [ast.Starred(N("b"), ast.Load(), **P)], **P)))
t("lambda starred body", E(ast.Lambda(ast.arguments([], [], None, [], [], None, []), ast.Starred(N("a"), ast.Load(), **P), **P)))
t("import star mid", M(ast.ImportFrom("os", [ast.alias("*", None, **P), ast.alias("path", None, **P)], 0, **P)))
t("import star in func", M(ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [ast.ImportFrom("os", [ast.alias("*", None, **P)], 0, **P)], [], None, **P)))
t("import dotted as", M(ast.Import([ast.alias("a.b", None, **P)], **P)))
t("importfrom none", M(ast.ImportFrom(None, [ast.alias("x", None, **P)], 0, **P)))
t("alias empty", M(ast.Import([ast.alias("", None, **P)], **P)))
t("global in class", M(ast.ClassDef("C", [], [], [ast.Global(["x"], **P)], [], **P)))
t("yield in class", M(ast.ClassDef("C", [], [], [ast.Expr(ast.Yield(None, **P), **P)], [], **P)))
t("await module", E(ast.Await(N("a"), **P)))
t("return module", M(ast.Return(None, **P)))
t("break module", M(ast.Break(**P)))
t("match star twice", M(ast.Match(N("x"), [ast.match_case(ast.MatchSequence([ast.MatchStar("a", **P), ast.MatchStar("b", **P)], **P), None, [ast.Pass(**P)])], **P)))
t("match dup key", M(ast.Match(N("x"), [ast.match_case(ast.MatchMapping([K(1), K(1)], [ast.MatchAs(None, "a", **P), ast.MatchAs(None, "b", **P)], None, **P), None, [ast.Pass(**P)])], **P)))
t("match or bind diff", M(ast.Match(N("x"), [ast.match_case(ast.MatchOr([ast.MatchAs(None, "a", **P), ast.MatchAs(None, "b", **P)], **P), None, [ast.Pass(**P)])], **P)))
t("match irrefutable first", M(ast.Match(N("x"), [ast.match_case(ast.MatchAs(None, "a", **P), None, [ast.Pass(**P)]), ast.match_case(ast.MatchAs(None, "b", **P), None, [ast.Pass(**P)])], **P)))
t("match class attr", M(ast.Match(N("x"), [ast.match_case(ast.MatchClass(ast.Attribute(N("a"), "B", ast.Load(), **P), [], [], [], **P), None, [ast.Pass(**P)])], **P)))
t("compare big", E(ast.Compare(K(1), [ast.Lt(), ast.In()], [K(2), ast.List([], ast.Load(), **P)], **P)))
t("set empty", E(ast.Set([], **P)))
t("boolop nested", E(ast.BoolOp(ast.Or(), [K(1), ast.BoolOp(ast.And(), [K(0), K(2)], **P)], **P)))
t("trystar finally only", M(ast.TryStar([ast.Pass(**P)], [], [], [ast.Pass(**P)], **P)))
t("except bare not last", M(ast.Try([ast.Pass(**P)], [ast.ExceptHandler(None, None, [ast.Pass(**P)], **P), ast.ExceptHandler(N("E"), None, [ast.Pass(**P)], **P)], [], [], **P)))
t("continue finally", M(ast.While(K(1), [ast.Try([ast.Pass(**P)], [], [], [ast.Continue(**P)], **P)], [], **P)))
t("async for outside", M(ast.AsyncFor(N("a", ast.Store), N("b"), [ast.Pass(**P)], [], **P)))
t("async comp in sync", E(ast.ListComp(N("a"), [ast.comprehension(N("a", ast.Store), N("b"), [], 1)], **P)))
t("nonlocal module", M(ast.Nonlocal(["x"], **P)))
t("kw dup", E(ast.Call(N("f"), [], [ast.keyword("a", K(1), **P), ast.keyword("a", K(2), **P)], **P)))
t("arg dup", E(ast.Lambda(ast.arguments([], [ast.arg("a", **P), ast.arg("a", **P)], None, [], [], None, []), K(1), **P)))
t("name empty", E(ast.Name("", ast.Load(), **P)))
t("name weird", E(ast.Name("a b", ast.Load(), **P)))
t("attr weird", E(ast.Attribute(N("a"), "", ast.Load(), **P)))
t("__debug__ store", M(ast.Assign([N("__debug__", ast.Store)], K(1), **P)))
t("class kw starred", M(ast.ClassDef("C", [ast.Starred(N("a"), ast.Load(), **P)], [ast.keyword(None, N("k"), **P)], [ast.Pass(**P)], [], **P)))
t("fv conv neg", E(ast.FormattedValue(N("a"), -1, ast.JoinedStr([ast.FormattedValue(N("w"), -1, None, **P)], **P), **P)))
t("const in joined bytes", E(ast.JoinedStr([K(b"x")], **P)))
t("with empty items ok", M(ast.With([ast.withitem(N("a"), ast.Tuple([], ast.Store(), **P))], [ast.Pass(**P)], **P)))
t("lineno 0", M(ast.Expr(K(1), lineno=0, col_offset=0)))
t("lineno neg", M(ast.Expr(ast.BinOp(K(1), ast.Div(), K(0), lineno=-5, col_offset=-3), lineno=-5, col_offset=-3)))
t("interactive empty", ast.Interactive([]), "single")
t("module empty", M())

def pos(**kw):
    t("pos " + " ".join("%s=%s" % kv for kv in sorted(kw.items())),
      M(ast.Expr(ast.Constant(1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), **kw)))
pos(lineno=2, col_offset=0, end_lineno=1, end_col_offset=0)
pos(lineno=-1, col_offset=0, end_lineno=1, end_col_offset=0)
pos(lineno=1, col_offset=-1, end_lineno=1, end_col_offset=0)
pos(lineno=1, col_offset=5, end_lineno=1, end_col_offset=2)
pos(lineno=1, col_offset=5)
pos(lineno=1, col_offset=5, end_lineno=None, end_col_offset=None)
pos(lineno=-1, col_offset=-1, end_lineno=-1, end_col_offset=-1)

# The compiled odd trees run.
ns = {"a": [1, 2, 3], "f": lambda *x, **k: (x, sorted(k)), "k": {"z": 1}}
tree = ast.fix_missing_locations(ast.Module([
    ast.Assign([ast.Tuple([ast.Starred(N("h", ast.Store), ast.Store(), **P), N("t", ast.Store)], ast.Store(), **P)], N("a"), **P),
    ast.Assign([N("r", ast.Store)], ast.Call(N("f"), [ast.Starred(N("a"), ast.Load(), **P)], [ast.keyword(None, N("k"), **P)], **P), **P),
    ast.Assign([N("s", ast.Store)], ast.JoinedStr([K("<"), ast.FormattedValue(N("t"), ord("r"), ast.JoinedStr([K(">5")], **P), **P)], **P), **P),
    ast.TryStar([ast.Pass(**P)], [], [], [ast.Assign([N("fin", ast.Store)], K(True), **P)], **P),
], []))
exec(compile(tree, "<run>", "exec"), ns)
print(ns["h"], ns["t"], ns["r"], repr(ns["s"]), ns["fin"])
