# misc special methods: __index__, __int__, __float__, __hash__ in sets, __contains__ fallback
class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
i = Idx(2)
print([10, 20, 30][i], "abcd"[Idx(1):Idx(3)], bin(Idx(5)), hex(Idx(255)), range(Idx(3)))
class Num:
    def __int__(self):
        return 7
    def __float__(self):
        return 2.5
print(int(Num()), float(Num()))
class Rev:
    def __init__(self, d):
        self.d = d
    def __reversed__(self):
        return iter(self.d[::-1])
print(list(reversed(Rev([1, 2, 3]))))
class Lenny:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return "abc"[i]
print(list(reversed(Lenny())), "b" in Lenny(), len(Lenny()))
class Ctx:
    def __enter__(self):
        return "entered"
    def __exit__(self, *a):
        return False
with Ctx() as v:
    print(v)
class Neg:
    def __neg__(self):
        return "negated"
    def __invert__(self):
        return "inverted"
print(-Neg(), ~Neg())
class Cmp:
    def __eq__(self, o):
        return isinstance(o, Cmp)
    __hash__ = object.__hash__
print(Cmp() == Cmp(), Cmp() in [Cmp()], [Cmp()].count(Cmp()))
