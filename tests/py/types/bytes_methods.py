# more bytes methods and conversions
b = b"  Hello, Bytes World  "
print(b.strip(), b.lstrip(), b.rstrip(), b.split(), b.strip().split(b", "))
print(b.lower(), b.upper(), b.swapcase(), b.strip().title())
print(b.find(b"World"), b.rfind(b"l"), b.count(b"l"), b.index(b"H"), b.find(b"zz"))
print(b.replace(b" ", b""), b.startswith(b"  H"), b.endswith(b"  "), b.strip().center(20, b"."))
print(b"a-b-c".split(b"-"), b"a-b-c".rsplit(b"-", 1), b"a-b-c".partition(b"-"), b"-".join([b"x", b"y"]))
print(b"abc" * 3, b"abc" + bytes([100]), b"%d-%s" % (5, b"x"), b"%05.1f" % 2.25)
print(bytes.fromhex("deadbeef"), bytes.fromhex("de ad be ef").hex(), b"\x00\xff".hex(":"))
print(list(b"\x00\x01\xfe\xff"), bytes([0, 1, 254, 255]), bytes((x * 2 for x in range(5))))
print(b"abc"[0], b"abc"[-1], b"abc"[1:], b"abc"[::-1], b"abc"[5:], type(b"abc"[0:1]).__name__)
print(b"abc" == b"abc", b"abc" < b"abd", b"" < b"\x00", b"abc" != "abc", b"a" in b"cat")
print(len(b""), len(b"\x00" * 10), bool(b""), bool(b"\x00"))
print(b"line1\nline2\r\nline3".splitlines(), b"tab\there".expandtabs(4))
print(b"42".zfill(5), b"abc".ljust(6, b"*"), b"abc".rjust(6), b"12ab".isalnum(), b"AB".isupper())
print(int.from_bytes(b"\x00\x10", "big"), (4096).to_bytes(2, "little"), (-1).to_bytes(2, "big", signed=True))
print(b"caf\xc3\xa9".decode("utf-8"), b"caf\xe9".decode("latin-1"), str(b"x", "ascii"))
print(repr(b"'"), repr(b'"'), repr(b"'\""), repr(b"\\"), repr(b"\r\n\t"))
print(hash(b"abc") == hash(b"abc"), {b"k": 1}[b"k"], sorted([b"b", b"a", b"ab"]))
try:
    b"abc" + "def"
except TypeError as e:
    print(type(e).__name__, e)
try:
    bytes("abc")
except TypeError as e:
    print(type(e).__name__, e)
