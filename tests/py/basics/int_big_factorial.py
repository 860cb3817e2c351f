# arbitrary precision: factorials and big products
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

for n in (0, 1, 5, 20, 21, 25, 30, 50):
    print(n, fact(n))
f100 = fact(100)
print(f100)
print(len(str(f100)))
print(f100 % 1000007, f100 // fact(98))
print(sum(int(c) for c in str(f100)))
print(fact(200) // fact(199))
print(-fact(30), -fact(30) // 7, -fact(30) % 7)
print(fact(40) - fact(39) * 40)
print(fact(52) > 2 ** 200, fact(52) < 2 ** 230)
print(str(fact(1000))[:20], len(str(fact(1000))))
