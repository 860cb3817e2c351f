# float arithmetic, // and %
pairs = [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (1.0, 0.1),
         (5.0, 0.5), (0.0, 3.0), (-0.0, 3.0), (10.0, 3.0), (1e20, 3.0)]
for a, b in pairs:
    print(a, b, a + b, a - b, a * b, a / b, a // b, a % b)
print(5 % 3.0, -5 % 3.0, 5 % -3.0, 5.5 // 1, -5.5 // 1)
print(2.0 ** 0.5, 4.0 ** -1, (-8.0) ** 2, 2 ** 0.5)
print(10 / 4, 10 / 5, -10 / 4, 1 / 3)
print(3.0 * 3, 0.1 * 3, 1.0 - 0.9)
print(abs(-2.5), -(-2.5), +(-2.5))
print(1.5 < 2, 2 < 1.5, 1.5 == 1.5, 2.0 >= 2)
x = 0.0
for i in range(10):
    x += 0.1
print(x, x == 1.0)
print(float.__name__, type(1.5).__name__, type(1 / 1).__name__)
print(2.5.__floor__() if hasattr(2.5, "__floor__") else 2)
print((-2.5).__trunc__(), (7.9).__int__())
