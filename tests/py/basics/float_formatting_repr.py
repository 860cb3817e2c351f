# str() and repr() of floats in containers and arithmetic results
results = [0.1 * 3, 1.1 + 2.2, 3.3 * 3, 1 / 10, 2 / 7, 10 / 3, 1e-7 * 3, 123.456e5, 1 - 0.9, 100 * 1.1]
print(results)
for r in results:
    print(r, repr(r), "%s" % r, "%r" % r, f"{r}", "{}".format(r))
print(1e15, 1e16, 1.5e16, 12345678901234567.0, 0.000123, 0.0000123)
print(float(2 ** 60), float(3 ** 40), 2.0 ** 70, 10.0 ** 22, 10.0 ** 23)
print(-1.5, -0.0, 0.0 == -0.0, [1.0, -0.0, 1e-300 * 1e-300])
print(3.0, 3.10, 3.1400, 1e0, 1e1, 1.0e2, 2.5e-1)
print(7.0 / 2, 7 / 2.0, 2 ** 0.5 * 2 ** 0.5, 0.1 + 0.7)
print(sum([0.1] * 10), 0.1 * 10, round(0.1 * 3, 2), 1.23456789e-10)
