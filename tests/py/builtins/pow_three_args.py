# Three-argument pow() as CPython's ternary_op: each operand type's slot once,
# int's and float's natively (pow(4, 'y', 6) used to recurse through
# int.__pow__ into RecursionError), a Python __pow__ only for the base.
class P:
    def __pow__(self, other, mod=None):
        return ("P.pow", other, mod)
    def __rpow__(self, other, mod=None):
        return ("P.rpow", other, mod)
class NI:
    def __pow__(self, other, mod=None):
        return NotImplemented
class I(int):
    pass
class IP(int):
    def __pow__(self, other, mod=None):
        return ("IP.pow", int(self), other, mod)
class F(float):
    pass
cases = [
    (4, "y", 6), (4, 5, "y"), ("x", 5, 6), (4.0, 2, 3), (4, 2.0, 3), (4, 2, 3.0), (4, 2.0, "s"),
    (4.0, 2, "s"), (4, "y", 6.0), (2, 10, 1000), (True, 3, 5), (I(3), 2, 5), (I(3), "y", 5),
    (3, I(2), I(5)), (IP(3), 2, 5), (3, IP(2), 5), (P(), 2, 3), (2, P(), 3), (2, 3, P()),
    (NI(), 2, 3), (F(2.0), 2, 3), (2, F(2.0), "z"), (None, None, None), ([], 1, 2), (2, -1, 5),
    (2, 3, 0), (2, -1, 4), (4, 2, None), (4, "y", None),
]
for b, e, m in cases:
    try:
        print(type(b).__name__, type(e).__name__, type(m).__name__, "->", pow(b, e, m))
    except Exception as ex:
        print(type(b).__name__, type(e).__name__, type(m).__name__, "->", type(ex).__name__, ex)
def show(label, f):
    try:
        print(label, f())
    except Exception as ex:
        print(label, type(ex).__name__, ex)
show("int.__pow__(4, 'y', 6)", lambda: int.__pow__(4, "y", 6))
show("(4).__pow__(2, 5)", lambda: (4).__pow__(2, 5))
show("(4).__pow__(2.0, 5)", lambda: (4).__pow__(2.0, 5))
show("(4).__pow__(2, 5.0)", lambda: (4).__pow__(2, 5.0))
show("(4.0).__pow__(2, 5)", lambda: (4.0).__pow__(2, 5))
show("(4.0).__pow__('y', 5)", lambda: (4.0).__pow__("y", 5))
show("(4.0).__pow__(2, None)", lambda: (4.0).__pow__(2, None))
show("I(3).__pow__(2, 5)", lambda: I(3).__pow__(2, 5))
show("I(3).__pow__('y', 5)", lambda: I(3).__pow__("y", 5))
show("(2).__pow__()", lambda: (2).__pow__())
show("pow(2, 3, mod=5)", lambda: pow(2, 3, mod=5))
show("pow(base=2, exp=3, mod=5)", lambda: pow(base=2, exp=3, mod=5))
show("(2).__pow__(1, 2, 3)", lambda: (2).__pow__(1, 2, 3))
show("(2).__rpow__(3, 5)", lambda: (2).__rpow__(3, 5))
show("(2).__rpow__(3, 5.0)", lambda: (2).__rpow__(3, 5.0))
show("(2).__rpow__(3, None)", lambda: (2).__rpow__(3, None))
show("(2.0).__rpow__(3, 5)", lambda: (2.0).__rpow__(3, 5))
show("(2.0).__rpow__()", lambda: (2.0).__rpow__())
show("True.__pow__(True, 2)", lambda: True.__pow__(True, 2))
show("2 ** 10", lambda: 2 ** 10)
show("IP(2) ** 3", lambda: IP(2) ** 3)
