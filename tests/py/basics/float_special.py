# inf and nan
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, repr(inf), repr(nan))
print(float("-inf"), float("Infinity"), float("NaN"), float("-nan"))
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan)
print(inf + 1, inf - inf, inf * 0, inf * -1, 1 / inf, -1 / inf)
print(nan > 0, nan < 0, nan == 0)
print(max(1.0, inf), min(-inf, 0))
print(1e308 * 10, -1e308 * 10)
print(abs(-inf), abs(nan))
print(inf.is_integer(), (2.0).is_integer())
print(str(inf), str(-inf), str(nan))
print(int(1e308) > 0)
x = [nan]
print(nan in x, x == x)
print(sorted([3.0, inf, -inf, 0.0]))
print(-0.0 == 0.0, str(-0.0), repr(0.0 * -1))
try:
    print(2.0 ** 10000)
except OverflowError as e:
    print(type(e).__name__, e)
