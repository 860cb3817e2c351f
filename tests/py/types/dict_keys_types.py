# dict keys of various hashable types
d = {}
d[1] = "int"
d[1.0] = "float overwrites int"
d[True] = "bool overwrites too"
d["1"] = "str"
d[(1,)] = "tuple"
d[None] = "none"
d[frozenset([1])] = "fs"
d[2 ** 70] = "bigint"
d[-0.0] = "zero"
print(d)
print(d[1], d[0], d[False], d[2 ** 70])
print(len(d))
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v
    def __repr__(self):
        return "K(%r)" % self.v
e = {K(1): "a", K(2): "b"}
e[K(1)] = "A"
print(e, e[K(2)], K(3) in e)
class NoHash:
    __hash__ = None
try:
    {NoHash(): 1}
except TypeError as ex:
    print(type(ex).__name__, ex)
collide = {}
for i in range(50):
    collide[i * 2 ** 61] = i
print(len(collide), collide[49 * 2 ** 61])
