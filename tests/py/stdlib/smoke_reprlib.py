# reprlib: Repr limits per type, aRepr/repr, recursive_repr, subclassing.
import reprlib

print(reprlib.repr(list(range(100))), reprlib.repr("x" * 100), reprlib.repr(tuple(range(20))))
print(reprlib.repr({i: i for i in range(20)}), reprlib.repr(set(range(30))), reprlib.repr(frozenset(range(30))))
print(reprlib.repr([[[[[1]]]]]), reprlib.repr(10 ** 50), reprlib.repr(b"y" * 50), reprlib.repr(bytearray(3)))
import array, collections
print(reprlib.repr(array.array("i", range(20))), reprlib.repr(collections.deque(range(20))))
r = reprlib.Repr()
r.maxlist = 3
r.maxstring = 10
r.maxlevel = 2
print(r.repr(list(range(10))), r.repr("abcdefghijklmnop"), r.repr([[[1]]]), r.maxdict, r.maxother)
r.maxother = 5


class Odd:
    def __repr__(self):
        return "Odd-object-with-long-repr"


print(r.repr(Odd()), reprlib.repr(Odd()))


class MyRepr(reprlib.Repr):
    def repr_int(self, x, level):
        return "int:" + str(x)


print(MyRepr().repr([1, 2]), MyRepr().repr({"a": 3}))


class Node:
    def __init__(self, v):
        self.v = v
        self.children = []

    @reprlib.recursive_repr(fillvalue="<...>")
    def __repr__(self):
        return f"Node({self.v}, {self.children})"


n = Node(1)
n.children.append(Node(2))
n.children.append(n)
print(repr(n), Node.__repr__.__name__, Node.__repr__.__qualname__)


print(reprlib.aRepr.maxlist, reprlib.aRepr.maxlevel, reprlib.aRepr.maxlong, reprlib.aRepr.fillvalue)
