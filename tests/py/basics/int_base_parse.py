# int() with bases
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0))
print(int("777", 8), int("0o777", 0), int("101", 2), int("0b101", 0))
print(int("z", 36), int("Zz", 36), int("10", 36))
print(int("  42  "), int("-17"), int("+9"), int("1_000"), int("0"))
print(int("123456789012345678901234567890"))
print(int("-" + "9" * 40))
print(int("ffffffffffffffffffff", 16))
print(int("0", 0), int("00", 0), int("1_0", 0))
for bad in ["", "12a", "0x", "1__0", " ", "09", "_1"]:
    try:
        print(int(bad, 0))
    except ValueError as e:
        print(type(e).__name__, e)
try:
    int("abc")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("12", 1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("2", 2)
except ValueError as e:
    print(type(e).__name__, e)
