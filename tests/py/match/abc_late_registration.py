import collections.abc
def check(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
    return None
class Parent: pass
class ChildPre(Parent): pass
print(check(Parent()), check(ChildPre()))
collections.abc.Mapping.register(Parent)
class ChildPost(Parent): pass
print(check(Parent()), check(ChildPre()), check(ChildPost()))
class P2: pass
collections.abc.MutableSequence.register(P2)
class C2(P2): pass
print(check(P2()), check(C2()))
class Plain: pass
print(check(Plain()))
class Str(str): pass
class D(str, Parent): pass
class E(int): pass
collections.abc.Sequence.register(E)
print(check(Str("x")), check(D("y")), check(E(1)))
