from __future__ import annotations

x: int
y: "List[int]" = 3
z: list[dict[str, int | None]]
class C:
    __foo: int
    a: Optional[C] = None
    b: 1 + 2 * 3 - (4 - 5) - 6 ** -7 ** 8
    c: (1 + 2) * 3
    d: 2 ** 3 ** 4
    e: (2 ** 3) ** 4
    f: a if b else c
    g: (a if b else c) if d else e
    h: lambda x, y=1, *args, z, w=2, **kw: x
    i: lambda: 0
    j: lambda *a: 0
    k: lambda a, /, b: 0
    l: not a and b or c
    m: (not a) + b
    n: not (a + b)
    o: -(-1) + -a ** 2 + (-a) ** 2
    p: a < b <= c is not d in e not in f
    q: (a < b) < c
    r: f(a, *b, c=1, **d)
    s: f(x for x in y)
    t: f((x for x in y), 1)
    u: [x for x in y if x if y for z in w]
    v: {k: v for k, v in y}
    w: {x for x in y}
    xx: {1: 2, **d}
    yy: {1, 2}
    zz: x[1:2, ::3, 1:, :2]
    a1: x[1:2]
    a2: x[()]
    a3: x[(1,)]
    a4: x[1, 2]
    a5: (1,)
    a6: ()
    a7: (1, 2)
    a8: 1 .real
    a9: 1.5.real
    b1: "a'b"
    b2: 'a"b'
    b3: b"bytes\x00"
    b4: u"uni"
    b5: 1e400
    b6: 1e400j
    b7: 2j + 1.5
    b8: f"a{b!r:>{w}} {{x}} {c=}"
    b9: f"{ {1: 2}[1]}"
    c1: f"{(lambda x: x)(1)}"
    c2: ...
    c3: None
    c4: True
    c5: 0xff + 0o17 + 0b1
    c6: a.b.c
    c7: (a + b).c
    c8: x[a:b:c]
    c9: (*a,)
    d1: [*a, *b]
    d2: a | b | (c | d)
    d3: a @ b // c % d
    d4: a << b >> c & d ^ e
    d5: ~a
    d6: +a
    d7: "\n\t\u1234\x7f"
    d8: x[*a]
    e1: 1_000_000
    e3: f'{x!s}{y!a}'
    e4: f"{'a'}"
    e5: f'{"a"}'
    e6: a if (b if c else d) else e
    e8: (a, b) if c else d

def f(a: int | None, *args: *Ts, b: "str" = 1, **kw: dict[str, int]) -> dict[str, int]: pass
def g(a, b: 1): pass
def h() -> None: pass
lambda_ann = None

for k, v in __annotations__.items():
    print(k, repr(v))
for k, v in C.__annotations__.items():
    print(k, repr(v))
for fn in (f, g, h):
    print(fn.__name__, fn.__annotations__)

# local annotations are never evaluated nor stored
def local():
    v: undefined_name = 1
    w: also_undefined
    return v
print(local(), local.__annotations__)

# compile() with the future flag, and code compiled inside this module
import __future__
ns = {}
exec(compile("a: int | str = 1\ndef q(x: y.z) -> 'w': pass", "<s>", "exec",
             __future__.annotations.compiler_flag), ns)
print(ns['__annotations__'], ns['q'].__annotations__)
ns = {}
exec("b: list[int]", ns)
print(ns['__annotations__'])
try:
    exec("from __future__ import annotations\nx: (yield)", {})
except SyntaxError as e:
    print(type(e).__name__, e)
ns = {}
exec(compile("c: int", "<s>", "exec", dont_inherit=True), ns)
print(ns['__annotations__'])
print(eval("(lambda: 1)")())
# co_flags carries CPython's CO_FUTURE_ANNOTATIONS, and compile() inherits it
def flagged(): pass
print(hex(flagged.__code__.co_flags & 0x1000000), __future__.annotations.compiler_flag)
print(hex(compile("def g(): pass", "<s>", "exec").co_flags & 0x1000000))
print(hex(compile("def g(): pass", "<s>", "exec", dont_inherit=True).co_flags & 0x1000000))
