"""generators: a binary tree walked by recursive generators, pipelines and yield from.

Usage: generators.py [DEPTH]   (default 17)
"""
import sys


class Tree:
    __slots__ = ("left", "value", "right")

    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right

    def __iter__(self):
        if self.left:
            yield from self.left
        yield self.value
        if self.right:
            yield from self.right


def build(lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Tree(build(lo, mid), mid, build(mid + 1, hi))


def walk_manual(node):
    # the same walk written with explicit loops over sub-generators
    if node is None:
        return
    for v in walk_manual(node.left):
        yield v
    yield node.value
    for v in walk_manual(node.right):
        yield v


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def squares(it):
    for x in it:
        yield x * x


def running_total():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total


def main():
    depth = int(sys.argv[1]) if len(sys.argv) > 1 else 17
    n = 2 ** depth
    tree = build(0, n)
    s1 = sum(tree)
    s2 = sum(walk_manual(tree))
    s3 = sum(squares(evens(iter(tree))))
    acc = running_total()
    next(acc)
    last = 0
    for v in tree:
        last = acc.send(v & 7)
    gen_expr = max(x % 1000 for x in walk_manual(tree))
    print("n=%d sum=%d manual=%d even-squares=%d running=%d max=%d" % (n, s1, s2, s3, last, gen_expr))


if __name__ == "__main__":
    main()
