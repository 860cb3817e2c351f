"""comprehensions: list/dict/set comprehensions and generator expressions over records.

Usage: comprehensions.py [ROUNDS]   (default 120)
"""
import sys
from dataclasses import dataclass, field
from enum import Enum


class Kind(Enum):
    FILE = 1
    DIR = 2
    LINK = 3


@dataclass
class Entry:
    ident: int
    name: str
    kind: Kind
    size: int
    tags: list = field(default_factory=list)


def make_entries(n):
    kinds = [Kind.FILE, Kind.DIR, Kind.LINK]
    return [Entry(i, "item%05d" % i, kinds[i % 3], (i * 7919) % 10007,
                  ["t%d" % (i % 5), "g%d" % (i % 11)]) for i in range(n)]


def one_round(entries):
    files = [e for e in entries if e.kind is Kind.FILE]
    sizes = {e.name: e.size for e in files if e.size > 100}
    by_tag = {}
    for tag in sorted({t for e in entries for t in e.tags}):
        by_tag[tag] = [e.ident for e in entries if tag in e.tags]
    big = [name for name, size in sizes.items() if size > 5000]
    pairs = [(a, b) for a in range(40) for b in range(a) if (a * b) % 7 == 3]
    matrix = [[r * c for c in range(30)] for r in range(30)]
    diag = sum(matrix[i][i] for i in range(30))
    flat = [x for row in matrix for x in row if x % 3 == 0]
    total = sum(len(v) for v in by_tag.values())
    return len(files) + len(sizes) + len(big) + len(pairs) + diag + len(flat) + total


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    entries = make_entries(2000)
    acc = 0
    for _ in range(rounds):
        acc += one_round(entries)
    print("comprehensions: %d rounds, checksum %d" % (rounds, acc))


if __name__ == "__main__":
    main()
