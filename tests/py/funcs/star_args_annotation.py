# PEP 646: a starred *args annotation (*Ts, *tuple[int, ...]) is the one item
# unpacking it gives, as CPython 3.11 compiles it.
from typing import TypeVarTuple
Ts = TypeVarTuple('Ts')
def f(*args: *Ts): pass
print(f.__annotations__)
def g(*args: *tuple[int, ...]) -> None: pass
print(g.__annotations__)
def h(a: int, *args: *Ts, b: str = "", **kw: float): pass
print(h.__annotations__)
try:
    def k(*args: *[1, 2]): pass
except ValueError as e:
    print(type(e).__name__, e)
