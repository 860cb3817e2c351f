# conversions between str and other types
print(str(42), str(-3.5), str(True), str(None), str([1, "a"]), str((1,)), str({"a": 1}))
print(repr(42), repr("s"), repr([1, "a"]), repr(1e100), repr(-0.0))
print(int("42") + 1, float("2.5") * 2, list("abc"), tuple("ab"))
print(str(b"abc"), str(bytes([200])), str(range(3)), str(slice(1, 2)))
print(str(2 ** 100), len(str(2 ** 1000)), str(-(10 ** 18)))
print(" ".join(map(str, [1, 2.0, None, True])))
print(float("  -1.5e3 "), float("inf"), float("-Infinity"), float(".5"), float("5."))
print(int("  0012  "), int("1" * 30), bool("0"), bool(""))
print(str(1/3), str(2/3), repr(1/7))
print(chr(0x263A), ord("\n"), hex(ord("A")), "%c" % 0x41)
print("5" + str(5), int("5") + 5, "5" * 5)
print(float("1e500"), float("-1e500"), float("1e-500"))
for s in ["1.5", "abc", "1e3", "0x10", "١٢٣"]:
    try:
        print(s, float(s))
    except ValueError as e:
        print(type(e).__name__, e)
print(int("١٢٣"), str(12).isdigit(), "3.14".replace(".", "", 1).isdigit())
