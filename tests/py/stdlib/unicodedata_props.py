# unicodedata (Unicode 14.0.0): every property over a sample of code points,
# one CRC per property and block of 0x4000 code points.
import unicodedata as u
import zlib

print(u.unidata_version)
cps = list(range(0, 0x32000, 3)) + list(range(0xE0000, 0xE0200)) + [0xF0000, 0x10FFFD, 0x10FFFF]
props = [
    ("category", u.category),
    ("bidirectional", u.bidirectional),
    ("combining", u.combining),
    ("east_asian_width", u.east_asian_width),
    ("mirrored", u.mirrored),
    ("decomposition", u.decomposition),
    ("decimal", lambda c: u.decimal(c, None)),
    ("digit", lambda c: u.digit(c, None)),
    ("numeric", lambda c: u.numeric(c, None)),
]
for pname, f in props:
    crcs = {}
    for cp in cps:
        k = cp >> 14
        crcs[k] = zlib.crc32(repr(f(chr(cp))).encode(), crcs.get(k, 0))
    print(pname, " ".join("%x:%08x" % kv for kv in sorted(crcs.items())))

# a few values spelled out
for ch in "a1\u00bd\u2155\u0661\u00b2\u4e00\u3007\u2460\U0001d7ce\u0300\u05d0\u200f\uac00\ufb01\u2126\U0001f600\u00a0\u0f73":
    print(
        "%04x" % ord(ch), u.category(ch), u.bidirectional(ch), u.combining(ch),
        u.east_asian_width(ch), u.mirrored(ch), repr(u.decomposition(ch)),
        u.decimal(ch, None), u.digit(ch, None), u.numeric(ch, None),
    )
