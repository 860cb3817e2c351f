import struct

print(struct.pack(">I2sxh?", 258, b"ok", -2, True))
print(struct.unpack("<3B", b"\x01\x02\x03"), struct.calcsize("@bil"), struct.calcsize("=bil"))
s = struct.Struct("!HHL")
print(s.size, s.format, s.unpack(s.pack(1, 2, 3)))
buf = bytearray(12)
struct.pack_into("<hh", buf, 4, -1, 300)
print(buf, struct.unpack_from("<hh", buf, 4), struct.unpack_from("<hh", buf, offset=4))
print([t for t in struct.iter_unpack("<bb", b"\x01\x02\x03\x04")])
for bad in [("i", "x"), ("<h", 40000), ("q", 2 ** 64), ("3s", 7), ("Z", 1)]:
    try:
        struct.pack(*bad)
    except struct.error as e:
        print("struct.error", e)
try:
    struct.unpack("i", b"ab")
except struct.error as e:
    print("struct.error", e)
struct._clearcache()
print(struct.pack("e", 0.5), struct.unpack("d", struct.pack("d", 2.5)))
