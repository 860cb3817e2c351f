# An annotated attribute target named __debug__ is refused even without a
# value (nothing is stored), as CPython 3.11's compiler does.
for s in ["object.__debug__: int", "from __future__ import annotations\nobject.__debug__: int", "__debug__: int", "from __future__ import annotations\n__debug__: int", "object.__debug__ = 1", "x[__debug__]: int", "def f():\n    object.__debug__: int"]:
    try:
        compile(s, "<s>", "exec"); print(repr(s), "OK")
    except SyntaxError as e:
        print(repr(s), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
