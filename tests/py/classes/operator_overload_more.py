# comparison reflection, __contains__ vs iteration, __len__ in bool, rich ops on lists of objects
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, o):
        return Money(self.cents + (o.cents if isinstance(o, Money) else o))
    __radd__ = __add__
    def __lt__(self, o):
        return self.cents < o.cents
    def __eq__(self, o):
        return isinstance(o, Money) and self.cents == o.cents
    def __hash__(self):
        return hash(self.cents)
    def __repr__(self):
        return "$%d.%02d" % divmod(self.cents, 100)
wallet = [Money(150), Money(99), Money(1000), Money(99)]
print(sum(wallet), sorted(wallet), max(wallet), min(wallet))
print(Money(99) in wallet, wallet.count(Money(99)), len(set(wallet)))
print(Money(5) > Money(3), Money(5) >= Money(5) if hasattr(Money, "__ge__") and False else "skip ge")
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __matmul__(self, o):
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in zip(*o.rows)] for r in self.rows])
    def __repr__(self):
        return "Matrix(%r)" % self.rows
print(Matrix([[1, 2], [3, 4]]) @ Matrix([[5, 6], [7, 8]]))
class Bits:
    def __init__(self, v):
        self.v = v
    def __and__(self, o): return Bits(self.v & o.v)
    def __or__(self, o): return Bits(self.v | o.v)
    def __xor__(self, o): return Bits(self.v ^ o.v)
    def __lshift__(self, n): return Bits(self.v << n)
    def __rshift__(self, n): return Bits(self.v >> n)
    def __repr__(self): return bin(self.v)
print(Bits(12) & Bits(10), Bits(12) | Bits(10), Bits(12) ^ Bits(10), Bits(3) << 4, Bits(48) >> 2)
