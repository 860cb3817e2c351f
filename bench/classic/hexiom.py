"""hexiom: solve Hexiom-style puzzles by constraint propagation and backtracking.

A hexagonal board holds numbered tiles; each tile's number must equal the
number of tiles on the cells around it.  Given the multiset of tiles, find
every arrangement.  Puzzles are generated from a seeded random layout.

Usage: hexiom.py [PUZZLES]   (default 6)
"""
import collections
import random
import sys

EMPTY = -1


class Hex:
    def __init__(self, radius):
        self.cells = [(q, r) for q in range(-radius, radius + 1)
                      for r in range(-radius, radius + 1) if abs(q + r) <= radius]
        index = {c: i for i, c in enumerate(self.cells)}
        self.neighbours = []
        for (q, r) in self.cells:
            around = []
            for dq, dr in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)):
                j = index.get((q + dq, r + dr))
                if j is not None:
                    around.append(j)
            self.neighbours.append(tuple(around))
        self.size = len(self.cells)


class Solver:
    def __init__(self, hexes, tiles, n_empty, fixed):
        self.hex = hexes
        self.fixed = fixed
        self.tiles = collections.Counter(tiles)
        self.n_empty = n_empty
        self.assign = [None] * hexes.size
        self.solutions = []
        # visit cells so that each cell's neighbours are decided early
        self.order = sorted(range(hexes.size), key=lambda i: (-len(hexes.neighbours[i]), i))
        self.nodes = 0

    def consistent(self, cell):
        """Every decided tile at or next to cell can still reach its number."""
        nbrs = self.hex.neighbours
        assign = self.assign
        for c in (cell,) + nbrs[cell]:
            v = assign[c]
            if v is None or v == EMPTY:
                continue
            full = 0
            open_ = 0
            for n in nbrs[c]:
                a = assign[n]
                if a is None:
                    open_ += 1
                elif a != EMPTY:
                    full += 1
            if not (full <= v <= full + open_):
                return False
        return True

    def solve(self, k=0):
        self.nodes += 1
        if k == len(self.order):
            self.solutions.append(tuple(self.assign))
            return
        cell = self.order[k]
        want = self.fixed.get(cell)
        if want is not None:
            if want == EMPTY:
                if self.n_empty == 0:
                    return
                self.n_empty -= 1
            elif self.tiles[want] == 0:
                return
            else:
                self.tiles[want] -= 1
            self.assign[cell] = want
            if self.consistent(cell):
                self.solve(k + 1)
            if want == EMPTY:
                self.n_empty += 1
            else:
                self.tiles[want] += 1
            self.assign[cell] = None
            return
        if self.n_empty > 0:
            self.n_empty -= 1
            self.assign[cell] = EMPTY
            if self.consistent(cell):
                self.solve(k + 1)
            self.n_empty += 1
        for value in sorted(self.tiles):
            if self.tiles[value] == 0:
                continue
            self.tiles[value] -= 1
            self.assign[cell] = value
            if self.consistent(cell):
                self.solve(k + 1)
            self.tiles[value] += 1
        self.assign[cell] = None


def make_puzzle(hexes, rng, density, n_fixed):
    occupied = [rng.random() < density for _ in range(hexes.size)]
    tiles = []
    layout = []
    for i in range(hexes.size):
        if occupied[i]:
            tiles.append(sum(1 for n in hexes.neighbours[i] if occupied[n]))
            layout.append(tiles[-1])
        else:
            layout.append(EMPTY)
    # a few cells are given, as in the published puzzles
    fixed = {i: layout[i] for i in sorted(rng.sample(range(hexes.size), n_fixed))}
    return tiles, hexes.size - len(tiles), fixed


def render(hexes, solution):
    return "".join("." if v == EMPTY else str(v) for v in solution)


def main():
    puzzles = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    rng = random.Random(2011)
    board = Hex(2)
    for i in range(puzzles):
        tiles, n_empty, fixed = make_puzzle(board, rng, 0.55 + 0.05 * (i % 4), 5)
        solver = Solver(board, tiles, n_empty, fixed)
        solver.solve()
        sols = sorted(render(board, s) for s in solver.solutions)
        print("puzzle %d: tiles %s empty %d -> %d solutions, %d nodes, first %s" % (
            i, "".join(map(str, sorted(tiles))), n_empty, len(sols), solver.nodes, sols[0]))


if __name__ == "__main__":
    main()
