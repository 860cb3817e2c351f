# conversions between int, float, bool, str and back
vals = ["0", "-12", "  7 ", "+3", "1_000"]
print([int(v) for v in vals], [float(v) for v in vals])
fvals = [0.0, -0.0, 1.9999, -1.9999, 1e10, 123456789.987, 2.0 ** 53]
print([int(v) for v in fvals])
print([str(v) for v in fvals])
print([float(str(v)) == v for v in fvals])
print(int(float("1e3")), float(int("10") ** 20), int(str(2 ** 80)) == 2 ** 80)
print(bool(int("0")), bool(float("0.0")), bool(str(0)), int(bool("x")))
print(float(True) + int(False), str(True) + str(1), int("1" + "0" * 25))
print(int(10 / 3), 10 // 3, int(-10 / 3), -10 // 3, round(10 / 3), round(-10 / 3))
print(float("%.3f" % (2 / 3)), "%.3f" % (2 / 3), str(round(2 / 3, 3)))
print(int(9.999999999999999e22), int(-2.5e-3), int(float(2 ** 63)))
print(float("0x1p3".replace("0x1p3", "8")), int("0b110", 0), int("0o70", 0), int("0xBEEF", 0))
for s in ["12", "1.5", "abc", "1e3", " 4 ", "", "0x1F"]:
    results = []
    for conv in (int, float):
        try:
            results.append(repr(conv(s)))
        except ValueError:
            results.append("ValueError")
    print(repr(s), results)
