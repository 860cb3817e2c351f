# Search: N-queens counting via backtracking with sets, plus permutation-based check.
def solve_bits(n):
    full = (1 << n) - 1
    count = 0

    def place(cols, d1, d2):
        nonlocal count
        if cols == full:
            count += 1
            return
        avail = full & ~(cols | d1 | d2)
        while avail:
            bit = avail & -avail
            avail ^= bit
            place(cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1)

    place(0, 0, 0)
    return count


def solve_sets(n):
    cols = set()
    diag1 = set()
    diag2 = set()
    solutions = []
    board = [0] * n

    def place(row):
        if row == n:
            solutions.append(tuple(board))
            return
        for c in range(n):
            if c in cols or (row + c) in diag1 or (row - c) in diag2:
                continue
            cols.add(c)
            diag1.add(row + c)
            diag2.add(row - c)
            board[row] = c
            place(row + 1)
            cols.remove(c)
            diag1.remove(row + c)
            diag2.remove(row - c)

    place(0)
    return solutions


def main():
    sols = solve_sets(12)
    a = len(sols)
    first = sols[0]
    b = solve_bits(12)
    c = solve_sets(11)
    print("nqueens checksum", a, first, b, len(c), sum(sum(s) for s in c))


main()
