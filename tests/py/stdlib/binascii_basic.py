import binascii

def show(f, *a, **k):
    try:
        print(f.__name__, repr(f(*a, **k)))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

print(issubclass(binascii.Error, ValueError), issubclass(binascii.Incomplete, Exception))
print(binascii.Error.__module__, binascii.Error.__name__, binascii.Incomplete.__name__)

# hex
for d in [b"", b"\x00", b"hello", bytearray(b"\xff\x10"), memoryview(b"abc")]:
    show(binascii.hexlify, d)
    show(binascii.b2a_hex, d)
show(binascii.hexlify, b"\x01\x02\x03\x04\x05", ":")
show(binascii.hexlify, b"\x01\x02\x03\x04\x05", b"-", 2)
show(binascii.hexlify, b"\x01\x02\x03\x04\x05", sep="-", bytes_per_sep=-2)
show(binascii.hexlify, b"ab", "::")
show(binascii.hexlify, "ab")
show(binascii.hexlify, 5)
show(binascii.hexlify)
for s in [b"", b"00ff", "00FFab", b"0", b"zz", "é0", bytearray(b"4142"), 3, b"1 2 "]:
    show(binascii.unhexlify, s)
    show(binascii.a2b_hex, s)

# base64
for d in [b"", b"a", b"ab", b"abc", b"abcd", bytes(range(256))]:
    show(binascii.b2a_base64, d)
    show(binascii.b2a_base64, d, newline=False)
    show(binascii.a2b_base64, binascii.b2a_base64(d))
for s in [b"YQ==", b"YQ=", b"YQ", b"Y", b"YWJj", b"YW Jj\n", b"Y!Q==", b"=YQ==", b"YQ==YQ==",
          b"YQ=a=", b"YWJjZ", b"YWJjZGVmZ", b"====", b"YQ===", b"Y=Q=", "YWJj", "YWé", b"YWJ\x80j",
          b"ab=c", b"abc=d==", b"QUJD\nREVG"]:
    show(binascii.a2b_base64, s)
    show(binascii.a2b_base64, s, strict_mode=True)
show(binascii.a2b_base64, 1.5)
show(binascii.b2a_base64, "abc")

# uu
for d in [b"", b"a", b"abc", b"hello world", bytes(range(45)), bytes(46)]:
    show(binascii.b2a_uu, d)
    show(binascii.b2a_uu, d, backtick=True)
for s in [b"", b"\n", b"!80``\n", b"#86)C\n", b"#86)C", b"#86)C   \n", b"#86)Cxyz\n",
          b"%86)C", b"`\n", b"!\x7f\n", b"!  \n", b" \n"]:
    show(binascii.a2b_uu, s)

# crc
for d in [b"", b"a", b"hello world", bytes(range(256)) * 3]:
    show(binascii.crc32, d)
    show(binascii.crc32, d, 12345)
    show(binascii.crc32, d, -1)
    show(binascii.crc32, d, 2**40 + 7)
    show(binascii.crc_hqx, d, 0)
    show(binascii.crc_hqx, d, 0xffff)
    show(binascii.crc_hqx, d, -1)
show(binascii.crc32, b"x", 1.0)
show(binascii.crc_hqx, b"x")
show(binascii.crc32, "x")
print(binascii.crc32(b" world", binascii.crc32(b"hello")) == binascii.crc32(b"hello world"))
