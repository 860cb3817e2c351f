# operator/protocol dispatch edge cases: reflected ops, NotImplemented, __index__, __len__, metaclass hooks
class A:
    def __repr__(self): return "A()"
print(repr(A()), str(A()), format(A()), f"{A()!r}", ascii("é"), ascii(A()))
class B:
    def __str__(self): return "strB"
print(str(B()), repr(B())[:10], f"{B()}")
class C:
    def __format__(self, spec): return "fmt:" + spec
print(format(C(), "xyz"), f"{C():abc}")
class BadRepr:
    def __repr__(self): return 5
try: repr(BadRepr())
except TypeError as e: print(e)
class BadStr:
    def __str__(self): return 5
try: str(BadStr())
except TypeError as e: print(e)
class H:
    def __hash__(self): return "x"
try: hash(H())
except TypeError as e: print(e)
class H2:
    def __hash__(self): return 2**100
print(hash(H2()) == hash(2**100))
class Idx:
    def __index__(self): return 3
print([1,2,3,4][Idx()], range(10)[Idx()], bin(Idx()), hex(Idx()))
class BadIdx:
    def __index__(self): return "a"
try: [1][BadIdx()]
except TypeError as e: print(e)
try: [1][float("1.5")]
except TypeError as e: print(e)
class L:
    def __len__(self): return 2**70
try: len(L())
except OverflowError as e: print(e)
class L2:
    def __len__(self): return "a"
try: len(L2())
except TypeError as e: print(e)
class N:
    def __neg__(self): return "neg"
    def __invert__(self): return "inv"
    def __pos__(self): return "pos"
    def __abs__(self): return "abs"
print(-N(), ~N(), +N(), abs(N()))
try: abs("x")
except TypeError as e: print(e)
class R:
    def __radd__(self, o): return "radd %r" % (o,)
    def __rsub__(self, o): return "rsub"
    def __rpow__(self, o): return "rpow"
print(1 + R(), [] + R(), 2 - R(), 2 ** R())
class Base:
    def __add__(self, o): return "Base.add"
    def __radd__(self, o): return "Base.radd"
class Derived(Base):
    def __radd__(self, o): return "Derived.radd"
print(Base() + Derived(), Derived() + Base(), Base() + Base())
class Derived2(Base): pass
print(Base() + Derived2())
class Cmp:
    def __init__(self, v): self.v = v
    def __lt__(self, o): print("lt"); return self.v < o.v
    def __gt__(self, o): print("gt"); return self.v > o.v
print(Cmp(1) < Cmp(2), Cmp(1) > Cmp(2))
class SubCmp(Cmp):
    def __gt__(self, o): print("SubCmp.gt"); return True
print(Cmp(1) < SubCmp(2))
try: Cmp(1) <= Cmp(2)
except TypeError as e: print(e)
class Div:
    def __divmod__(self, o): return ("dm", o)
    def __rdivmod__(self, o): return ("rdm", o)
print(divmod(Div(), 1), divmod(1, Div()), divmod(7, 2), divmod(-7.5, 2))
try: divmod("a", 1)
except TypeError as e: print(e)
try: divmod(7.5, 0)
except ZeroDivisionError as e: print(e)
print(pow(2, 10, 7), pow(2, -1, 7))
class P3:
    def __pow__(self, e, m=None): return ("pow", e, m)
print(pow(P3(), 2, 5), P3() ** 3)
try: pow(1.0, 2, 3)
except TypeError as e: print(e)
try: pow("a", 2, 3)
except TypeError as e: print(e)
class Cont:
    def __iter__(self): return iter([1, 2, 3])
print(2 in Cont(), 5 in Cont())
try: 1 in 5
except TypeError as e: print(e)
class NotIt:
    __iter__ = None
try: iter(NotIt())
except TypeError as e: print(e)
class Call:
    def __call__(self, *a, **k): return (a, k)
print(Call()(1, 2, x=3), callable(Call()), callable(Call), callable(1))
print(isinstance(1, (str, (list, int))), issubclass(bool, int), issubclass(int, (str, object)))
try: issubclass(int, 1)
except TypeError as e: print(e)
class Meta(type):
    def __instancecheck__(cls, obj): return obj == 42
    def __subclasscheck__(cls, sub): return sub is int
class Any(metaclass=Meta): pass
print(isinstance(42, Any), isinstance(1, Any), issubclass(int, Any), issubclass(str, Any))
print(sorted(dir(A()))[:5], 'foo' in dir(A), len(dir(object)) > 10)
class WithDir:
    def __dir__(self): return ["b", "a"]
print(dir(WithDir()))
o = object()
try: o.x = 1
except AttributeError as e: print(e)
try: object().__dict__
except AttributeError as e: print(e)
class S:
    pass
s = S()
s.__dict__ = {"k": 1}
print(s.k)
try: s.__dict__ = 5
except TypeError as e: print(e)
print(type(s.__dict__), S.__dict__["__dict__"] if False else "ok")
class GA:
    def __getattribute__(self, n):
        if n == "boom": raise KeyError(n)
        return object.__getattribute__(self, n)
    def __getattr__(self, n): return "fallback " + n
ga = GA()
print(ga.missing)
try: ga.boom
except KeyError as e: print("KeyError", e)
print(getattr(ga, "other", "dflt"), hasattr(ga, "xx"))
class Dl:
    def __delattr__(self, n): print("del", n)
del Dl().foo
class Sl:
    def __setitem__(self, k, v): print("set", k, v)
s = Sl(); s[1] = 2
try: del s[1]
except AttributeError as e: print("AttributeError", e)
try: s[1]
except TypeError as e: print(e)
print(NotImplemented, Ellipsis, type(NotImplemented).__name__)
print(object.__eq__(1, 1), object.__eq__(1, 2), object.__ne__(1, 2))
class Eq:
    def __eq__(self, o): return NotImplemented
print(Eq() == Eq(), Eq() != Eq())
e = Eq(); print(e == e, e != e, [e].count(e), e in [e])
