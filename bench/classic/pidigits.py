"""pidigits: digits of pi from Gibbons' unbounded spigot (big-integer arithmetic).

Usage: pidigits.py [DIGITS]   (default 3000)
"""
import itertools
import sys


def gen_digits():
    # state (q, r, t, k) of the linear fractional transformation
    q, r, t, k = 1, 0, 1, 1
    while True:
        n, rem = divmod(3 * q + r, t)
        if 4 * q + r < (n + 1) * t:
            yield n
            q, r = 10 * q, 10 * (r - n * t)
        else:
            q, r, t, k = q * k, (2 * q + r) * (2 * k + 1), t * (2 * k + 1), k + 1


def main():
    ndigits = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    digits = list(itertools.islice(gen_digits(), ndigits))
    lines = []
    for i in range(0, ndigits, 10):
        chunk = "".join(map(str, digits[i:i + 10]))
        lines.append("%-10s\t:%d" % (chunk, min(i + 10, ndigits)))
    for line in lines[:3] + lines[-3:]:
        print(line)
    print("digit sum %d" % sum(digits))


if __name__ == "__main__":
    main()
