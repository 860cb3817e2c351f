"""fannkuch-redux: count pancake flips over all permutations of range(n).

Usage: fannkuch.py [N]   (default 9)
"""
import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    nperm = 0
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if sign == 1 else -flips
        nperm += 1
        # next permutation in the counting order of the classic program
        while True:
            if r == n:
                return checksum, max_flips, nperm
            p0 = perm1.pop(0)
            perm1.insert(r, p0)
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        sign = -sign


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    checksum, flips, nperm = fannkuch(n)
    print("%d\nPfannkuchen(%d) = %d\npermutations: %d" % (checksum, n, flips, nperm))


if __name__ == "__main__":
    main()
