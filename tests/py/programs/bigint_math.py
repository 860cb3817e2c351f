# big integer math: digits of pi and e, integer sqrt, gcd/lcm, Fibonacci and Catalan numbers
def pi_digits(n):
    # Machin's formula with fixed-point big integers
    scale = 10 ** (n + 10)
    def arctan_inv(x):
        total = term = scale // x
        x2 = x * x
        k = 1
        sign = -1
        while term:
            term //= x2
            total += sign * (term // (2 * k + 1))
            sign = -sign
            k += 1
        return total
    pi = 4 * (4 * arctan_inv(5) - arctan_inv(239))
    return str(pi // 10 ** 10)

def e_digits(n):
    scale = 10 ** (n + 10)
    total = 0
    term = scale
    k = 0
    while term:
        total += term
        k += 1
        term //= k
    return str(total // 10 ** 10)

def isqrt(n):
    if n < 0:
        raise ValueError("negative")
    if n < 2:
        return n
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y

def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

def lcm(a, b):
    return a // gcd(a, b) * b

p = pi_digits(200)
print(p[0] + "." + p[1:61])
print(p[61:121])
print(p[121:])
e = e_digits(100)
print(e[0] + "." + e[1:])
print(isqrt(2 * 10 ** 100))
print(isqrt(10 ** 40), isqrt(10 ** 40 - 1), isqrt(99), isqrt(0))
for n in [2 ** 127 - 1, 3 ** 200, 12345678987654321]:
    r = isqrt(n)
    print(r, r * r <= n < (r + 1) * (r + 1))
print(gcd(2 ** 100, 6 ** 50), lcm(2 ** 40, 3 ** 20), gcd(-48, 18))
l = 1
for i in range(1, 51):
    l = lcm(l, i)
print("lcm(1..50) =", l)
a, b = 0, 1
for _ in range(500):
    a, b = b, a + b
print("fib(500) =", a)
print("digits:", len(str(a)), "digit sum:", sum(map(int, str(a))))
cat = [1]
for n in range(1, 61):
    cat.append(cat[-1] * 2 * (2 * n - 1) // (n + 1))
print("catalan:", cat[:12], cat[60])
fact = 1
for i in range(1, 101):
    fact *= i
trailing = len(str(fact)) - len(str(fact).rstrip("0"))
print("100! trailing zeros:", trailing, "bits:", fact.bit_length())
print(pow(2, 2 ** 20, 10 ** 30), (2 ** 521 - 1) % 1000000007)
x = 7 ** 300
print(x.bit_length(), len(str(x)), x % 10 ** 12, -x // 10 ** 290, divmod(x, 3 ** 400)[0])
print(hex(2 ** 200 + 255)[-10:], int("1" * 100, 2) == 2 ** 100 - 1)
try:
    isqrt(-1)
except ValueError as err:
    print(type(err).__name__, err)
