# Code compiled under `from __future__ import annotations` survives the
# bytecode cache format (marshal round trip; pvm's cache validator used to
# reject the future flag, so every such module was recompiled on import).
import marshal

SRC = '''from __future__ import annotations
x: int | None = 1
class C:
    a: list[dict[str, C]]
def f(a: "q", *b: int, **c: dict[str, int]) -> Optional[C]:
    return a
'''

co = compile(SRC, "<future>", "exec")
back = marshal.loads(marshal.dumps(co))
print(back.co_flags & 0x1000000 == co.co_flags & 0x1000000)
ns = {}
exec(back, ns)
print(ns["__annotations__"])
print(ns["C"].__annotations__)
print(ns["f"].__annotations__)
