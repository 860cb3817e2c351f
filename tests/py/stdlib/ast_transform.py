# ast.unparse round trips, NodeVisitor / NodeTransformer, compile() of the modified trees and
# exec of the result, fix_missing_locations, increment_lineno, copy of nodes.
import ast
import copy

PROGRAMS = [
    "x = 1 + 2 * 3\nprint(x)",
    "def f(a, /, b=2, *c, d, e=5, **g) -> int:\n    return a + b\n",
    "class C(B, metaclass=M):\n    @property\n    def p(self):\n        return self._p\n",
    "async def co():\n    async with a as b:\n        await b\n    async for i in c:\n        yield i\n",
    "match p:\n    case [1, *r] | {'k': v, **kw} if v:\n        pass\n    case C(a, b=2) as z:\n        pass\n",
    "s = f'{a!r:>{w}} {b=} {{lit}}'\nt = u'x'\nu = b'\\x00'",
    "try:\n    pass\nexcept* (A, B) as e:\n    raise X from e\nfinally:\n    del a[1:2, ::3]",
    "lam = lambda *a, **k: (yield)\nz = [i for i in range(3) if i for j in i]",
    "x = a if b else (c := d)\nassert x, 'msg'\nglobal g\nimport a.b as c\nfrom . import d",
    "print(-1, ~2, not 3, 2 ** -1, (-2) ** 2, a < b < c, [*a, *b], {**x})",
]
for src in PROGRAMS:
    tree = ast.parse(src)
    text = ast.unparse(tree)
    print(text)
    print(ast.dump(ast.parse(text)) == ast.dump(tree))

# NodeTransformer: rewrite every Add into Mult, rename names, and run the result.
class AddToMult(ast.NodeTransformer):
    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Add):
            node.op = ast.Mult()
        return node

    def visit_Name(self, node):
        if node.id == "secret":
            return ast.copy_location(ast.Constant(value=7), node)
        return node

src = "result = (secret + 3) + 2\nout.append(result)\nout.append(sum(i + 1 for i in range(3)))"
tree = AddToMult().visit(ast.parse(src))
print(ast.dump(tree))
out = []
code = compile(tree, "<ast>", "exec")
print(type(code).__name__, code.co_filename)
exec(code, {"out": out})
print(out)

# A NodeTransformer that removes and inserts statements.
class Edit(ast.NodeTransformer):
    def visit_Expr(self, node):
        if isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "drop":
            return None
        if isinstance(node.value, ast.Constant) and node.value.value == "twice":
            return [node, copy.deepcopy(node)]
        return node

tree = ast.parse("drop(1)\n'twice'\nlog.append('kept')\n")
tree = ast.fix_missing_locations(Edit().visit(tree))
print(ast.unparse(tree))
log = []
exec(compile(tree, "<edit>", "exec"), {"log": log, "drop": None})
print(log)

# Trees built by hand, positions filled by fix_missing_locations.
tree = ast.Module(body=[
    ast.FunctionDef(name="square", args=ast.arguments(posonlyargs=[], args=[ast.arg(arg="n")],
                    kwonlyargs=[], kw_defaults=[], defaults=[]),
                    body=[ast.Return(value=ast.BinOp(left=ast.Name(id="n", ctx=ast.Load()),
                                                     op=ast.Pow(),
                                                     right=ast.Constant(value=2)))],
                    decorator_list=[]),
    ast.Assign(targets=[ast.Name(id="r", ctx=ast.Store())],
               value=ast.Call(func=ast.Name(id="square", ctx=ast.Load()),
                              args=[ast.Constant(value=12)], keywords=[])),
    ast.Assign(targets=[ast.Tuple(elts=[ast.Name("t1", ast.Store()), ast.Name("t2", ast.Store())],
                                  ctx=ast.Store())],
               value=ast.Constant(value=(1, frozenset({2})))),
    ast.Expr(ast.Constant(10**40)),
], type_ignores=[])
ast.fix_missing_locations(tree)
print(ast.dump(tree, include_attributes=True))
ns = {}
exec(compile(tree, "<built>", "exec"), ns)
print(ns["r"], ns["t1"], ns["t2"], ns["square"].__name__)
print(eval(compile(ast.Expression(ast.BinOp(ast.Constant(1.5), ast.Sub(), ast.Constant(2j),
                                            lineno=1, col_offset=0), lineno=1, col_offset=0)
                   if False else ast.fix_missing_locations(
                       ast.Expression(ast.BinOp(ast.Constant(1.5), ast.Sub(), ast.Constant(2j)))),
                   "<e>", "eval")))
inter = ast.parse("v = 41 + 1\nv", mode="single") if False else ast.parse("print(6 * 7)", mode="single")
exec(compile(inter, "<single>", "single"))
print(compile(ast.parse("1"), "<x>", "exec", ast.PyCF_ONLY_AST) is not None)

# increment_lineno, copy_location, walk order, iter_fields, iter_child_nodes
t = ast.parse("a = 1\nb = 2")
ast.increment_lineno(t, 5)
print([(n.lineno, n.end_lineno) for n in t.body])
print([type(n).__name__ for n in ast.walk(t)])
print([(k, type(v).__name__) for k, v in ast.iter_fields(t.body[0])], [type(n).__name__ for n in ast.iter_child_nodes(t.body[0])])

class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []
    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)
Counter_ = Counter()
Counter_.visit(ast.parse("def f(a):\n    return a + b * c"))
print(Counter_.names)

# copy / deepcopy / __reduce__
n = ast.parse("x + y", mode="eval").body
c1 = copy.copy(n)
c2 = copy.deepcopy(n)
print(type(c1).__name__, c1.left is n.left, c2.left is n.left, ast.dump(c2, include_attributes=True))
print(n.__reduce__()[0].__name__, n.__reduce__()[1], sorted(n.__reduce__()[2]))
print(ast.Load().__reduce__()[1:], ast.AST().__reduce__()[1:])

# Subclassing node classes
class MyName(ast.Name):
    pass
m = MyName("q", ast.Load(), lineno=1, col_offset=0)
print(isinstance(m, ast.expr), m.id, ast.dump(m))
print(eval(compile(ast.Expression(m), "<sub>", "eval"), {"q": "sub ok"}))
