# _ast node constructors as CPython 3.11's: positional and keyword fields, missing fields
# left unset, too many arguments, duplicate arguments, __match_args__ in match statements.
import _ast
import ast

def t(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "->", type(e).__name__, e)

print(_ast.AST is ast.AST, _ast.Name is ast.Name, _ast.PyCF_ONLY_AST)
t("Return(1, 2)", lambda: ast.Return(1, 2))
t("Return(1, value=2)", lambda: ast.Return(1, value=2))
t("AST(1)", lambda: ast.AST(1))
t("Pass(1)", lambda: ast.Pass(1))
t("BinOp(1,2,3,4)", lambda: ast.BinOp(1, 2, 3, 4))
t("Name kw", lambda: sorted(ast.Name("x", ast.Load(), lineno=3).__dict__))
t("BinOp extra kw", lambda: ast.BinOp(1, foo=2).__dict__)
t("Return()", lambda: ast.Return().__dict__)
t("Return().value", lambda: ast.Return().value)
t("FunctionDef().body", lambda: ast.FunctionDef().body)
t("Name().lineno", lambda: ast.Name().lineno)
t("Name().end_lineno", lambda: ast.Name().end_lineno)
t("MatchAs().end_lineno", lambda: ast.MatchAs().end_lineno)
t("arg().type_comment", lambda: ast.arg("a").type_comment)
t("Constant('s').kind", lambda: ast.Constant("s").kind)
t("Constant(n=)", lambda: ast.Constant(5).n)
t("Load() is Load()", lambda: ast.Load() is ast.Load())
t("Add fields", lambda: (ast.Add._fields, ast.Add().__dict__))
t("Constant s", lambda: (ast.Constant("x").s, ast.Num(5).n, type(ast.Num(5)).__name__))
t("isinstance Num", lambda: isinstance(ast.Constant(1), ast.Num))
t("dump partial", lambda: ast.dump(ast.BinOp(left=ast.Constant(1))))
t("dump kw", lambda: ast.dump(ast.Name("x", ast.Load(), lineno=3), include_attributes=True))
t("setattr", lambda: (setattr(n := ast.Name("x"), "id", "y"), n.id, n.__dict__))
t("delattr", lambda: (delattr(n := ast.Name("x"), "id"), n.__dict__))
t("unknown attr", lambda: ast.Name("x").nope)
t("AST dict", lambda: ast.AST().__dict__)
t("repr", lambda: repr(ast.Load()).split(" at ")[0])
t("type name", lambda: (type(ast.Load()).__name__, ast.Load.__qualname__, str(ast.Load)))

n = ast.BinOp(ast.Constant(1), ast.Add(), ast.Name("x", ast.Load()))
match n:
    case ast.BinOp(ast.Constant(v), ast.Add(), ast.Name(name)):
        print("matched", v, name)
match ast.parse("f(1)", mode="eval").body:
    case ast.Call(func=ast.Name(id=fn), args=[ast.Constant(value=a)]):
        print("call", fn, a)

class Custom(ast.AST):
    _fields = ("a", "b")
t("Custom", lambda: Custom(1, b=2).__dict__)
t("Custom too many", lambda: Custom(1, 2, 3))
t("Custom dup", lambda: Custom(1, a=3))

class NoFields(ast.AST):
    _fields = None
t("NoFields", lambda: NoFields(b=1).__dict__)
