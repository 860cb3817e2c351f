# basic integer arithmetic
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a + b, -a - b, -a * b, -a // b, -a % b)
print(0 - 0, -0, +5, -(-5))
print(7 // 1, 7 % 1, 0 // 7, 0 % 7)
print(2 ** 0, 0 ** 0, 1 ** 1000, (-1) ** 1001)
print(2 ** -1, 10 ** -2)
print(abs(-42), abs(42), abs(0))
print(1_000_000, 0x1F, 0o17, 0b1011, 0XAB, 0O7, 0B1)
print(10 == 10.0, 10 < 11, 10 >= 10, 3 != 4)
print(max(3, 9, -2), min(3, 9, -2))
n = 0
for i in range(1, 101):
    n += i
print(n)
print(int.__name__, type(5).__name__)
print(123456789 * 987654321)
print((12345).bit_length(), (0).bit_length(), (-255).bit_length())
print((5).real, (5).imag, (5).numerator, (5).denominator)
print((-7).conjugate(), (10).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "big"))
print(int.from_bytes(b"\xff\xfe", "little", signed=True))
