# divmod with ints and floats
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(divmod(0, 9), divmod(9, 9), divmod(8, 9))
print(divmod(2 ** 70, 3), divmod(-(2 ** 70), 3))
print(divmod(10 ** 25, 10 ** 12 + 1))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7, 2.5))
q, r = divmod(123456789, 1000)
print(q, r)
for a in (5, -5):
    for b in (3, -3):
        q, r = divmod(a, b)
        print(a, b, q, r, q * b + r)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    divmod(1.0, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
