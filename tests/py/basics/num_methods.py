# int / float / bool / None methods and conversions (numbers piece)
print((255).to_bytes(2, "big"), (255).to_bytes(2, "little"), (-1).to_bytes(2, "big", signed=True))
print((2 ** 70).to_bytes(9, "big"), (0).to_bytes(0, "big"), (255).to_bytes())
print(int.from_bytes(b"\x00\x10", "big"), int.from_bytes(b"\x00\x10", "little"))
print(int.from_bytes(b"\xff" * 10, "big", signed=True), int.from_bytes([1, 2, 3], "big"))
print(bool.from_bytes(b"\x01", "big"), int.from_bytes(b"", "little"))
for bad in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"),
            lambda: (1).to_bytes(1, "middle"), lambda: (1).to_bytes(-1, "big"),
            lambda: int.from_bytes([256], "big"), lambda: int.from_bytes("ab", "big"),
            lambda: (128).to_bytes(1, "big", signed=True)]:
    try:
        print(bad())
    except (OverflowError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
print((0).bit_length(), (1).bit_length(), (-1).bit_length(), (2 ** 100).bit_length())
print((255).bit_count(), (-255).bit_count(), (2 ** 100 - 1).bit_count())
print((7).as_integer_ratio(), (-7).conjugate(), True.real, type(True.real).__name__)
print((5).numerator, (5).denominator, (5).imag, (2 ** 80).real)
print(round(12345, -2), round(12355, -1), round(-12345, -1), round(5, -1), round(15, -1))
print(round(2 ** 70, -10), round(123, 5), round(-987654321, -20), round(7, None))
print((3).__trunc__(), (3).__floor__(), (3).__ceil__(), (3).__index__(), (3).__float__())
print((17).__divmod__(5), (17).__rdivmod__(5), (1).__add__(1.0), (1.5).__add__(1))
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-1074"), float.fromhex(" 0XAp0 "))
print(float.fromhex("inf"), float.fromhex("-nan"), float.fromhex("0x.8"), float.fromhex("1"))
print((0.1).hex(), (-0.0).hex(), (1.0).hex(), (5e-324).hex(), (1e308).hex(), float("inf").hex())
for bad in ["zz", "0x", "0x1p", "0x1.2.3", ""]:
    try:
        float.fromhex(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    float.fromhex("0x1p2000")
except OverflowError as e:
    print("OverflowError", e)
print((0.5).as_integer_ratio(), (-0.75).as_integer_ratio(), (1e300).as_integer_ratio()[1])
print((2.5).is_integer(), (3.0).is_integer(), (2.5).conjugate(), (2.5).real, (2.5).imag)
print((2.5).__trunc__(), (-2.5).__floor__(), (-2.5).__ceil__(), (1e20).__int__())
print(round(2.675, 2), round(-0.5), round(0.5), round(1.5), round(-1.5), round(2.5, 0))
print(round(1234.5678, -2), round(-1250.0, -2), round(1350.0, -2), round(5e-324, 400))
print(round(1.7976931348623157e308, -300), round(-0.4, 0), round(0.0, -2))
try:
    round(1.7976931348623157e308, -308)
except OverflowError as e:
    print("OverflowError", e)
print(float("  -1_000.5e-2  "), float(" +inf"), float("-Infinity"), float(b"2.5"), float("\u0661.\u0665"))
print(int("\u0661\u0662"), int(b" 42 "), int("0b_101", 0))
print(int(True), int(False), float(False), bool(), bool(2))
print(type(None)() is None, type(NotImplemented)() is NotImplemented, type(...)() is Ellipsis)
print(repr(...), repr(NotImplemented), str(None), type(None).__name__, type(...).__name__)
try:
    type(None)(1)
except TypeError as e:
    print("TypeError", e)
class I:
    def __index__(self):
        return 42
class F:
    def __float__(self):
        return 2.5
print(int(I()), float(I()), float(F()), (5).__round__(I()))
class Bad:
    def __int__(self):
        return "x"
try:
    int(Bad())
except TypeError as e:
    print("TypeError", e)
try:
    float([])
except TypeError as e:
    print("TypeError", e)
try:
    int("1", 2.0)
except TypeError as e:
    print("TypeError", e)
try:
    int(5, 2)
except TypeError as e:
    print("TypeError", e)
print(hash(2 ** 100), hash(-2 ** 100), hash(10 ** 30), hash(0.5), hash(1e300), hash(-1.5))
print(hash(float("inf")), hash(float("-inf")), hash(2.0 ** 80) == hash(2 ** 80), hash(-1), hash(-1.0))
print(1e16, 1e15, 1e-5, 1e-4, 5e-324, 123456789012345678.0, 0.1 + 0.2, -0.0, 1e22, 2.0 ** 0.5)
print(10 ** 30 / 10 ** 10, (2 ** 100 + 1) / 3, -(10 ** 40) / 7, 1 / 3, (2 ** 1000) / (3 ** 600))
print(2 ** -1, (-2) ** -3, 0 ** 0, pow(2, 100, 97), pow(-3, 3, -7), pow(3, -2, 11))
print(True ** 2, True << 3, True >> 1, -True, abs(False), ~True, True / 4)
print(True & False, True | False, True ^ True, type(True ^ True).__name__, True & 1)
print(format(True, ""), format(True, "d"), format(3, ""), format(2.5, ""), f"{False!r:>7}")
print(int(-0.9), int(1e300) == 10 ** 300, float(2 ** 1023 * 3 // 2), float(-(2 ** 53 + 1)))
