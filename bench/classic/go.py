"""go: Monte Carlo tree search (UCT) with random playouts on a 9x9 Go board.

Usage: go.py [PLAYOUTS]   (default 25 per move, 3 moves)
"""
import math
import random
import sys

SIZE = 9
EMPTY, BLACK, WHITE = 0, 1, 2
KOMI = 7.5
PASS = -1


def make_neighbours():
    nbrs = []
    for pos in range(SIZE * SIZE):
        x, y = pos % SIZE, pos // SIZE
        n = []
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nx, ny = x + dx, y + dy
            if 0 <= nx < SIZE and 0 <= ny < SIZE:
                n.append(ny * SIZE + nx)
        nbrs.append(tuple(n))
    return tuple(nbrs)


NEIGHBOURS = make_neighbours()


class Board:
    def __init__(self):
        self.cells = [EMPTY] * (SIZE * SIZE)
        self.color = BLACK
        self.ko = None
        self.passes = 0
        self.history = []

    def copy(self):
        b = Board.__new__(Board)
        b.cells = self.cells[:]
        b.color = self.color
        b.ko = self.ko
        b.passes = self.passes
        b.history = []
        return b

    def group(self, pos):
        """Stones of the group at pos and its number of liberties."""
        cells = self.cells
        color = cells[pos]
        stones = [pos]
        seen = {pos}
        libs = set()
        i = 0
        while i < len(stones):
            p = stones[i]
            i += 1
            for n in NEIGHBOURS[p]:
                c = cells[n]
                if c == EMPTY:
                    libs.add(n)
                elif c == color and n not in seen:
                    seen.add(n)
                    stones.append(n)
        return stones, len(libs)

    def legal(self, pos):
        cells = self.cells
        if cells[pos] != EMPTY or pos == self.ko:
            return False
        me = self.color
        for n in NEIGHBOURS[pos]:
            c = cells[n]
            if c == EMPTY:
                return True
            libs = self.group(n)[1]
            if c == me and libs > 1:
                return True
            if c != me and libs == 1:
                return True
        return False

    def own_eye(self, pos):
        me = self.color
        return all(self.cells[n] == me for n in NEIGHBOURS[pos])

    def play(self, pos):
        self.history.append(pos)
        if pos == PASS:
            self.passes += 1
            self.ko = None
            self.color = 3 - self.color
            return 0
        self.passes = 0
        cells = self.cells
        me, other = self.color, 3 - self.color
        cells[pos] = me
        captured = []
        for n in NEIGHBOURS[pos]:
            if cells[n] == other:
                stones, libs = self.group(n)
                if libs == 0:
                    for s in stones:
                        cells[s] = EMPTY
                    captured.extend(stones)
        self.ko = captured[0] if len(captured) == 1 and len(self.group(pos)[0]) == 1 else None
        self.color = other
        return len(captured)

    def random_move(self, rng):
        empties = [p for p, c in enumerate(self.cells) if c == EMPTY]
        rng.shuffle(empties)
        for p in empties:
            if self.legal(p) and not self.own_eye(p):
                return p
        return PASS

    def score(self, color):
        """Area score of color minus the other color's, komi for white."""
        cells = self.cells
        counts = [0, 0, 0]
        for p, c in enumerate(cells):
            if c != EMPTY:
                counts[c] += 1
            else:
                around = {cells[n] for n in NEIGHBOURS[p]}
                if around == {BLACK}:
                    counts[BLACK] += 1
                elif around == {WHITE}:
                    counts[WHITE] += 1
        diff = counts[BLACK] - counts[WHITE] - KOMI
        return diff if color == BLACK else -diff


class Node:
    __slots__ = ("move", "parent", "children", "untried", "wins", "visits", "color")

    def __init__(self, move, parent, board):
        self.move = move
        self.parent = parent
        self.children = []
        self.untried = [p for p in range(SIZE * SIZE) if board.legal(p)] + [PASS]
        self.wins = 0
        self.visits = 0
        self.color = 3 - board.color  # the player who made `move`

    def select(self):
        log_n = math.log(self.visits)
        best, best_v = None, -1.0
        for c in self.children:
            v = c.wins / c.visits + math.sqrt(2 * log_n / c.visits)
            if v > best_v:
                best, best_v = c, v
        return best


def uct(board, playouts, rng):
    root = Node(None, None, board)
    for _ in range(playouts):
        node = root
        b = board.copy()
        while not node.untried and node.children:
            node = node.select()
            b.play(node.move)
        if node.untried:
            move = node.untried.pop(rng.randrange(len(node.untried)))
            b.play(move)
            child = Node(move, node, b)
            node.children.append(child)
            node = child
        moves = 0
        while b.passes < 2 and moves < 2 * SIZE * SIZE:
            b.play(b.random_move(rng))
            moves += 1
        while node is not None:
            node.visits += 1
            if b.score(node.color) > 0:
                node.wins += 1
            node = node.parent
    best = max(root.children, key=lambda c: (c.visits, c.wins, -c.move))
    return best.move, best.visits, root.visits


def main():
    playouts = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    rng = random.Random(42)
    board = Board()
    played = []
    for _ in range(3):
        move, visits, total = uct(board, playouts, rng)
        board.play(move)
        played.append((move, visits, total))
    print("go: moves %s" % played)
    rows = []
    for y in range(SIZE):
        rows.append("".join(".XO"[board.cells[y * SIZE + x]] for x in range(SIZE)))
    print("/".join(rows))


if __name__ == "__main__":
    main()
