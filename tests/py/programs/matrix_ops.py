# matrix operations with nested lists: multiply, transpose, determinant, inverse (exact via integers)
def mat_mul(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    assert len(a[0]) == inner, "shape mismatch"
    return [[sum(a[i][k] * b[k][j] for k in range(inner)) for j in range(cols)] for i in range(rows)]

def transpose(m):
    return [list(r) for r in zip(*m)]

def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]

def mat_pow(m, e):
    result = identity(len(m))
    while e:
        if e & 1:
            result = mat_mul(result, m)
        m = mat_mul(m, m)
        e >>= 1
    return result

def det(m):
    n = len(m)
    if n == 1:
        return m[0][0]
    if n == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for c in range(n):
        minor = [row[:c] + row[c + 1:] for row in m[1:]]
        total += (-1) ** c * m[0][c] * det(minor)
    return total

def show(name, m):
    print(name + ":")
    width = max(len(str(v)) for row in m for v in row)
    for row in m:
        print("  [" + " ".join(str(v).rjust(width) for v in row) + "]")

def solve_fraction(m, rhs):
    # Gaussian elimination with integer numerator/denominator pairs kept as (num, den)
    n = len(m)
    aug = [[(v, 1) for v in row] + [(rhs[i], 1)] for i, row in enumerate(m)]
    def sub(x, y):
        return (x[0] * y[1] - y[0] * x[1], x[1] * y[1])
    def mul(x, y):
        return (x[0] * y[0], x[1] * y[1])
    def div(x, y):
        return (x[0] * y[1], x[1] * y[0])
    def norm(x):
        a, b = x
        g = gcd(abs(a), abs(b))
        if b < 0:
            a, b = -a, -b
        return (a // g, b // g) if g else (0, 1)
    for col in range(n):
        piv = next(r for r in range(col, n) if aug[r][col][0] != 0)
        aug[col], aug[piv] = aug[piv], aug[col]
        for r in range(n):
            if r != col and aug[r][col][0]:
                f = div(aug[r][col], aug[col][col])
                aug[r] = [norm(sub(x, mul(f, y))) for x, y in zip(aug[r], aug[col])]
    return [norm(div(aug[i][n], aug[i][i])) for i in range(n)]

def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
show("A", A)
show("B", B)
show("A x B", mat_mul(A, B))
show("B x A", mat_mul(B, A))
show("A^T", transpose(A))
F = [[1, 1], [1, 0]]
print("fib via matrix power:", [mat_pow(F, n)[0][1] for n in range(1, 15)])
print("fib(200):", mat_pow(F, 200)[0][1])
M = [[2, -3, 1], [2, 0, -1], [1, 4, 5]]
print("det M:", det(M), "det I4:", det(identity(4)))
H = [[1 + i + j for j in range(4)] for i in range(4)]
print("det H:", det(H))
print("solution:", ["%d/%d" % x for x in solve_fraction(M, [3, 1, 2])])
try:
    mat_mul(A, A)
except AssertionError as e:
    print("AssertionError:", e)
big = [[i * 4 + j for j in range(4)] for i in range(4)]
show("big^5", mat_pow(big, 5))
print("trace:", sum(mat_pow(big, 3)[i][i] for i in range(4)))
