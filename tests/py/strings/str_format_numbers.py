# number formatting via format()
vals = [0.0, 1.0, -1.0, 3.14159, -2.5, 1e-7, 123456789.125, 1e21, 0.5, 2.675]
for v in vals:
    print(repr(v), format(v, ""), format(v, ".2f"), format(v, "e"), format(v, "g"), format(v, ".3g"), format(v, "10.4"))
print(format(1.0, ".0f"), format(0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"))
print(format(1e16, ""), format(1e16, "f"), format(1.5e-10, "f"), format(123.456, ".1e"))
print(format(float("inf"), "f"), format(float("nan"), ".2f"), format(float("-inf"), "e"))
print(format(1234.5, ","), format(0.000001234, ".2g"), format(1e100, ".3"))
print(format(12, "n"), format(3.0, "n"), format(-0.0, ".1f"), format(100, ".2%"))
print(format(5, "03"), format(-5, "03"), format(5.5, "08.3f"), format(-5.5, "+08.2f"))
print(format(2 ** 100, ","), format(2 ** 100, "e"), format(10 ** 30, "x"))
print(format(0.1, ".20f"), format(1 / 3, ".17g"))
print(str(1e15), str(1e16), str(1.0e-4), str(0.00001), str(123e-7))
print(repr(1.23e-5), repr(-1e-300), repr(4.35), repr(100.0 / 3))
