# division by zero messages
tests = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: 1.0 / 0,
    lambda: 1.0 // 0.0,
    lambda: 1.0 % 0.0,
    lambda: 1 / 0.0,
    lambda: 10 ** 30 // 0,
    lambda: divmod(5, 0),
    lambda: 0 ** -1,
    lambda: 0.0 ** -1,
    lambda: pow(0, -2),
]
for i, t in enumerate(tests):
    try:
        t()
        print(i, "no error")
    except ZeroDivisionError as e:
        print(i, type(e).__name__, e)
try:
    x = 5
    x /= 0
except ZeroDivisionError as e:
    print("aug", e)
print(issubclass(ZeroDivisionError, ArithmeticError))
