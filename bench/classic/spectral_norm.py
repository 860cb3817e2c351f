"""spectral-norm: power method on the infinite matrix A(i, j) = 1/((i+j)(i+j+1)/2+i+1).

Usage: spectral_norm.py [N]   (default 250)
"""
import math
import sys


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def mult_av(v, n):
    return [sum(eval_a(i, j) * v_j for j, v_j in enumerate(v)) for i in range(n)]


def mult_atv(v, n):
    return [sum(eval_a(j, i) * v_j for j, v_j in enumerate(v)) for i in range(n)]


def mult_atav(v, n):
    return mult_atv(mult_av(v, n), n)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    u = [1.0] * n
    for _ in range(10):
        v = mult_atav(u, n)
        u = mult_atav(v, n)
    vbv = sum(ue * ve for ue, ve in zip(u, v))
    vv = sum(ve * ve for ve in v)
    print("%0.9f" % math.sqrt(vbv / vv))


if __name__ == "__main__":
    main()
