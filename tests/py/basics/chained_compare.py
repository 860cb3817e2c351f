# chained comparisons
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2)
print(1 < 2 > 0, 0 <= 0 < 1 <= 1, 5 > 3 < 4)
calls = []
def f(x):
    calls.append(x)
    return x
print(f(1) < f(0) < f(5))
print(calls)
calls.clear()
print(f(1) < f(2) < f(3))
print(calls)
calls.clear()
print(f(1) < f(2) > f(3) < f(0))
print(calls)
x = 5
print(0 < x < 10, 0 < x < 3, x in [5] in [[5]])
n = None
print(n is None is not False)
print("a" < "b" < "c", [1] < [2] < [3], (1, 2) <= (1, 2) < (1, 3))
a = [1, 2]
print(a == [1, 2] == a[:], 2 in a not in [[3]])
print(not 1 < 2, (not 1) < 2)
