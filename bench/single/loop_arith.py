# while/for loops with integer arithmetic.
def collatz_steps(limit):
    total = 0
    n = 1
    while n < limit:
        x = n
        steps = 0
        while x != 1:
            if x & 1:
                x = 3 * x + 1
            else:
                x = x >> 1
            steps += 1
        total += steps
        n += 1
    return total


def sum_mod(n):
    acc = 0
    for i in range(n):
        acc = (acc + i * i - (i // 3) + (i % 7)) % 1000000007
    return acc


def gcd_sum(n):
    s = 0
    for a in range(1, n):
        b = n
        x = a
        while b:
            x, b = b, x % b
        s += x
    return s


def main():
    a = collatz_steps(150000)
    b = sum_mod(2500000)
    c = 0
    for n in range(3000, 3100):
        c += gcd_sum(n)
    print("loop checksum", a, b, c)


main()
