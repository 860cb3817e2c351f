# chr, ord, hex, oct, bin
print(chr(65), chr(97), chr(48), chr(0x263A), chr(0x1F600), repr(chr(0)), repr(chr(127)))
print(ord("A"), ord("a"), ord(" "), ord("é"), ord("€"), ord("😀"), ord(b"A"))
print(hex(0), hex(255), hex(-255), hex(2 ** 64), oct(0), oct(8), oct(-64), bin(0), bin(5), bin(-5))
print(bin(2 ** 70), oct(2 ** 40), hex(10 ** 20))
print("".join(chr(c) for c in range(97, 123)))
print([ord(c) - ord("0") for c in "0123456789"])
try:
    chr(0x110000)
except ValueError as e:
    print(type(e).__name__, e)
try:
    ord("")
except TypeError as e:
    print(type(e).__name__, e)
try:
    hex(1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    chr("a")
except TypeError as e:
    print(type(e).__name__, e)
print(int(hex(12345), 16), int(bin(12345), 2), int(oct(12345), 8))
print(chr(ord("a") + 25), ord(max("hello")), chr(sum(map(ord, "ab")) // 2))
