"""meteor-contest: tile a 5 x 10 hexagonal board with ten five-cell pieces.

Every placement of every piece (6 rotations x 2 flips x all positions) is
precomputed as a bit mask; the solver fills the lowest empty cell first and
prunes boards that leave an island whose size is not a multiple of five.
The pieces are cut from a seeded random tiling of the board, so at least one
solution exists.

Usage: meteor_contest.py [SOLUTIONS]   (default 400: stop after that many)
"""
import random
import sys

WIDTH, HEIGHT = 5, 10
NCELLS = WIDTH * HEIGHT
FULL = (1 << NCELLS) - 1
AXIAL_DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1))


def to_axial(cell):
    y, x = divmod(cell, WIDTH)
    return x - (y - (y & 1)) // 2, y


def from_axial(q, r):
    x = q + (r - (r & 1)) // 2
    if 0 <= x < WIDTH and 0 <= r < HEIGHT:
        return r * WIDTH + x
    return None


NEIGHBOURS = []
for _c in range(NCELLS):
    _q, _r = to_axial(_c)
    NEIGHBOURS.append(tuple(n for n in (from_axial(_q + dq, _r + dr) for dq, dr in AXIAL_DIRS)
                            if n is not None))


def random_tiling(rng):
    """Cut the board into ten connected five-cell pieces (retry until it works)."""
    while True:
        owner = [-1] * NCELLS
        ok = True
        for piece in range(NCELLS // 5):
            start = owner.index(-1)
            cells = [start]
            owner[start] = piece
            while len(cells) < 5:
                frontier = [n for c in cells for n in NEIGHBOURS[c] if owner[n] == -1]
                if not frontier:
                    ok = False
                    break
                nxt = rng.choice(frontier)
                owner[nxt] = piece
                cells.append(nxt)
            if not ok:
                break
        if ok:
            return [[c for c in range(NCELLS) if owner[c] == p] for p in range(NCELLS // 5)]


def orientations(cells):
    shape = [to_axial(c) for c in cells]
    result = []
    for flip in (False, True):
        s = [(r, q) for q, r in shape] if flip else shape
        for _ in range(6):
            s = [(-r, q + r) for q, r in s]
            q0, r0 = min(s)
            norm = tuple(sorted((q - q0, r - r0) for q, r in s))
            if norm not in result:
                result.append(norm)
    return result


def placements(cells):
    masks = {}
    for shape in orientations(cells):
        for anchor in range(NCELLS):
            aq, ar = to_axial(anchor)
            mask = 0
            for q, r in shape:
                c = from_axial(aq + q, ar + r)
                if c is None:
                    break
                mask |= 1 << c
            else:
                masks[mask] = None
    return list(masks)


def lowest_cell(mask):
    return (mask & -mask).bit_length() - 1


def has_bad_island(board):
    """True if some region of empty cells has a size that is not a multiple of 5."""
    free = FULL & ~board
    while free:
        start = lowest_cell(free)
        stack = [start]
        free &= ~(1 << start)
        size = 0
        while stack:
            c = stack.pop()
            size += 1
            for n in NEIGHBOURS[c]:
                bit = 1 << n
                if free & bit:
                    free &= ~bit
                    stack.append(n)
        if size % 5:
            return True
    return False


class Solver:
    def __init__(self, pieces, limit):
        self.limit = limit
        self.table = [[] for _ in range(NCELLS)]
        for p, cells in enumerate(pieces):
            for mask in placements(cells):
                self.table[lowest_cell(mask)].append((p, mask))
        self.solutions = []
        self.nodes = 0
        self.placed = []

    def solve(self, board=0, used=0):
        if len(self.solutions) >= self.limit:
            return
        self.nodes += 1
        if board == FULL:
            self.solutions.append(self.render())
            return
        cell = lowest_cell(~board & FULL)
        for p, mask in self.table[cell]:
            if used >> p & 1 or board & mask:
                continue
            nb = board | mask
            if has_bad_island(nb):
                continue
            self.placed.append((p, mask))
            self.solve(nb, used | (1 << p))
            self.placed.pop()

    def render(self):
        out = ["."] * NCELLS
        for p, mask in self.placed:
            for c in range(NCELLS):
                if mask >> c & 1:
                    out[c] = str(p)
        return "".join(out)


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    pieces = random_tiling(random.Random(2009))
    solver = Solver(pieces, limit)
    solver.solve()
    sols = sorted(solver.solutions)
    print("%d solutions found (%d nodes, %d placements)" % (
        len(sols), solver.nodes, sum(len(t) for t in solver.table)))
    for s in (sols[0], sols[-1]):
        for y in range(HEIGHT):
            print((" " if y & 1 else "") + " ".join(s[y * WIDTH:(y + 1) * WIDTH]))
        print()


if __name__ == "__main__":
    main()
