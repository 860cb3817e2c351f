"""scimark: the five SciMark 2 kernels (SOR, Monte Carlo, sparse mat-mult, LU, FFT).

Matrices are lists of array('d') rows; vectors are array('d').

Usage: scimark.py [SCALE]   (default 15)
"""
import array
import math
import random
import sys


def random_vector(n, rng):
    return array.array("d", [rng.random() for _ in range(n)])


def random_matrix(m, n, rng):
    return [random_vector(n, rng) for _ in range(m)]


def sor(n, cycles, rng):
    """Jacobi successive over-relaxation on an n x n grid."""
    g = random_matrix(n, n, rng)
    omega = 1.25
    c1 = omega * 0.25
    c2 = 1.0 - omega
    for _ in range(cycles):
        for i in range(1, n - 1):
            gi, gim, gip = g[i], g[i - 1], g[i + 1]
            for j in range(1, n - 1):
                gi[j] = c1 * (gim[j] + gip[j] + gi[j - 1] + gi[j + 1]) + c2 * gi[j]
    return sum(sum(row) for row in g)


def monte_carlo(samples, rng):
    """Estimate pi from points in the unit square."""
    under = 0
    rand = rng.random
    for _ in range(samples):
        x = rand()
        y = rand()
        if x * x + y * y <= 1.0:
            under += 1
    return under / samples * 4.0


def sparse_matmult(n, nz, cycles, rng):
    """y = A x for a sparse A in compressed-row form, repeated."""
    x = random_vector(n, rng)
    y = array.array("d", [0.0]) * n
    nr = nz // n
    anz = nr * n
    val = random_vector(anz, rng)
    col = array.array("i", [0]) * anz
    row = array.array("i", [0]) * (n + 1)
    for r in range(n):
        rowr = row[r]
        row[r + 1] = rowr + nr
        step = max(1, r // nr)
        for i in range(nr):
            col[rowr + i] = i * step
    for _ in range(cycles):
        for r in range(n):
            s = 0.0
            for i in range(row[r], row[r + 1]):
                s += x[col[i]] * val[i]
            y[r] = s
    return sum(y)


def lu_factor(a, pivot):
    n = len(a)
    m = len(a[0])
    for j in range(min(m, n)):
        jp = j
        t = abs(a[j][j])
        for i in range(j + 1, n):
            ab = abs(a[i][j])
            if ab > t:
                jp = i
                t = ab
        pivot[j] = jp
        if a[jp][j] == 0:
            raise ZeroDivisionError("singular matrix")
        if jp != j:
            a[j], a[jp] = a[jp], a[j]
        if j < n - 1:
            recp = 1.0 / a[j][j]
            aj = a[j]
            for k in range(j + 1, n):
                a[k][j] *= recp
        if j < min(m, n) - 1:
            for ii in range(j + 1, n):
                aii = a[ii]
                aiij = aii[j]
                for jj in range(j + 1, m):
                    aii[jj] -= aiij * aj[jj]


def lu(n, cycles, rng):
    a = random_matrix(n, n, rng)
    total = 0.0
    for _ in range(cycles):
        lu_copy = [array.array("d", row) for row in a]
        pivot = array.array("i", [0]) * n
        lu_factor(lu_copy, pivot)
        total += sum(lu_copy[i][i] for i in range(n)) + sum(pivot)
    return total


def fft_bitreverse(data):
    n = len(data) // 2
    j = 0
    for i in range(n - 1):
        ii = i << 1
        jj = j << 1
        k = n >> 1
        if i < j:
            data[ii], data[jj] = data[jj], data[ii]
            data[ii + 1], data[jj + 1] = data[jj + 1], data[ii + 1]
        while k <= j:
            j -= k
            k >>= 1
        j += k


def fft_transform(data, direction):
    n = len(data) // 2
    if n <= 1:
        return
    logn = int(math.log2(n))
    fft_bitreverse(data)
    dual = 1
    for _ in range(logn):
        w_real = 1.0
        w_imag = 0.0
        theta = 2.0 * direction * math.pi / (2.0 * dual)
        s = math.sin(theta)
        t = math.sin(theta / 2.0)
        s2 = 2.0 * t * t
        for a in range(dual):
            for b in range(0, n, 2 * dual):
                i = 2 * (b + a)
                j = 2 * (b + a + dual)
                z1_real = data[j]
                z1_imag = data[j + 1]
                wd_real = w_real * z1_real - w_imag * z1_imag
                wd_imag = w_real * z1_imag + w_imag * z1_real
                data[j] = data[i] - wd_real
                data[j + 1] = data[i + 1] - wd_imag
                data[i] += wd_real
                data[i + 1] += wd_imag
            tmp_real = w_real - s * w_imag - s2 * w_real
            w_imag = w_imag + s * w_real - s2 * w_imag
            w_real = tmp_real
        dual *= 2


def fft(n, cycles, rng):
    data = random_vector(2 * n, rng)
    orig = array.array("d", data)
    for _ in range(cycles):
        fft_transform(data, -1)
        fft_transform(data, 1)
        scale = 1.0 / n
        for i in range(len(data)):
            data[i] *= scale
    return math.sqrt(sum((d - o) ** 2 for d, o in zip(data, orig)) / n)


def main():
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    rng = random.Random(101010)
    results = [
        ("sor", sor(50, 2 * scale, rng)),
        ("monte_carlo", monte_carlo(25000 * scale, rng)),
        ("sparse_matmult", sparse_matmult(500, 2500, 10 * scale, rng)),
        ("lu", lu(40, scale, rng)),
        ("fft", fft(512, scale, rng)),
    ]
    for name, value in results:
        print("%-15s %.9g" % (name, value))


if __name__ == "__main__":
    main()
