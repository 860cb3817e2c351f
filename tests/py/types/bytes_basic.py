# bytes
b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], type(b[0]).__name__)
print(b"a\x00b\xff", b"\n\t\\", b'q"uote', b"it's")
print(bytes(range(5)), bytes(3), bytes([65, 66, 67]), bytes())
print(b.decode(), b"caf\xc3\xa9".decode("utf-8"), "café".encode())
print(b.hex(), bytes.fromhex("48 69"), b"\x01\xab".hex())
print(b + b" world", b * 2, b"l" in b, b"ll" in b, 104 in b, b"z" in b)
print(b.upper(), b.find(b"l"), b.count(b"l"), b.replace(b"l", b"L"))
print(b.startswith(b"he"), b.endswith(b"lo"), b.split(b"l"), b" x y ".strip())
print(b",".join([b"a", b"b"]), b.index(b"o"), b"AbC".lower())
print(list(b"abc"), b == b"hello", b < b"help", b"a" < b"b")
print(bytes("abc", "ascii"), str(b"xy"), repr(b"\x7f"))
try:
    b[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    bytes([256])
except ValueError as e:
    print(type(e).__name__, e)
for byte in b"AZ":
    print(byte, chr(byte))
print(b.isalpha(), b"123".isdigit(), b"  ".isspace(), b.title(), b.capitalize())
print(b.rjust(8, b"*"), b.partition(b"l"), b.rstrip(b"o"), b.decode("ascii"))
