"""n-queens: all solutions by filtering permutations (the generator-heavy classic).

Usage: nqueens.py [N]   (default 9)
"""
import itertools
import sys


def n_queens(n):
    cols = range(n)
    for vec in itertools.permutations(cols):
        if (n == len(set(vec[i] + i for i in cols))
                == len(set(vec[i] - i for i in cols))):
            yield vec


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    solutions = list(n_queens(n))
    print("queens(%d): %d solutions" % (n, len(solutions)))
    print("first %s last %s" % (solutions[0], solutions[-1]))


if __name__ == "__main__":
    main()
