# n-queens: count solutions, print the first board for several sizes
def solve(n):
    cols = set()
    diag1 = set()
    diag2 = set()
    placement = []
    solutions = []

    def place(row):
        if row == n:
            solutions.append(list(placement))
            return
        for c in range(n):
            if c in cols or (row - c) in diag1 or (row + c) in diag2:
                continue
            cols.add(c)
            diag1.add(row - c)
            diag2.add(row + c)
            placement.append(c)
            place(row + 1)
            placement.pop()
            cols.remove(c)
            diag1.remove(row - c)
            diag2.remove(row + c)

    place(0)
    return solutions

def board(sol):
    n = len(sol)
    lines = []
    for r in range(n):
        lines.append(" ".join("Q" if sol[r] == c else "." for c in range(n)))
    return "\n".join(lines)

def is_valid(sol):
    n = len(sol)
    for i in range(n):
        for j in range(i + 1, n):
            if sol[i] == sol[j] or abs(sol[i] - sol[j]) == j - i:
                return False
    return True

for n in range(1, 9):
    sols = solve(n)
    print("n=%d: %d solutions" % (n, len(sols)))
    if sols:
        assert all(is_valid(s) for s in sols)
        print("first:", sols[0], "last:", sols[-1])

eight = solve(8)
print(board(eight[0]))
print()
print(board(eight[91]))

def symmetric_unique(sols):
    n = len(sols[0])
    seen = set()
    unique = []
    for s in sols:
        variants = []
        cur = tuple(s)
        for _ in range(4):
            variants.append(cur)
            variants.append(tuple(reversed(cur)))
            rotated = [0] * n
            for r, c in enumerate(cur):
                rotated[c] = n - 1 - r
            cur = tuple(rotated)
        key = min(variants)
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique

print("unique 8-queens solutions:", len(symmetric_unique(eight)))
print("unique 6-queens solutions:", len(symmetric_unique(solve(6))))
