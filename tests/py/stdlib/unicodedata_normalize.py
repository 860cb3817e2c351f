# unicodedata.normalize / is_normalized: sample strings (Hangul, combining
# sequences, compatibility forms, composition exclusions, blocked marks)
# and random strings over a pool of interesting code points.
import random
import unicodedata as u

FORMS = ("NFC", "NFD", "NFKC", "NFKD")
samples = [
    "", "abc", "caf\u00e9", "cafe\u0301", "\u00c5", "A\u030a", "\u212b", "\u2126", "\u1e9b\u0323",
    "\u1e0b\u0323", "d\u0307\u0323", "q\u0307\u0323", "\u1e69", "s\u0323\u0307",
    "\uac00", "\uac01", "\u1100\u1161", "\u1100\u1161\u11a8", "\uac00\u11a8", "\ud7a3", "\u1100",
    "\u1161\u11a8", "\u1100\u1100\u1161\u11a8\u11a8", "\u110b\u1175\u11ab",
    "\ufb01", "\ufb03", "\u2460", "\u00bd", "\u2155", "\u00b2", "\u00a0", "\u3300", "\ufdfa",
    "\uff76\uff9e", "\u304b\u3099", "\u30ab\u3099", "\u1d15e", "\U0001d15e", "\U0001d160",
    "\u0344", "\u0340\u0341", "\u0f73", "\u0f71\u0f72", "\u0958", "\u0915\u093c",
    "\u05e9\u05bc\u05c1", "\ufb2c", "\u0b47\u0b3e", "\u0b4b", "\u0dd9\u0dcf\u0dca",
    "a\u0301\u0300", "a\u0300\u0301", "a\u0327\u0301", "a\u0301\u0327", "e\u0301\u0327\u0308",
    "\u0301a", "\u0301\u0300", "\u00e9\u0302", "o\u031b\u0323", "\u01a1\u0323", "\u1ee3",
    "\u0041\u030a\u0328", "\u00c7\u0301", "\u0622", "\u0627\u0653", "\u1f80\u0345",
    "\u03b1\u0313\u0300\u0345", "\u2000", "\u2001", "\u212a", "\u00b5", "\u017f\u0307",
    "\U0002f868", "\uf951", "\U00011099\U000110ba", "\U0001109a", "\U000114b9\U000114ba",
    "x\u0300" * 40 + "y", "\u0300" * 30, "\u00e9" * 50, "\ud55c\uad6d\uc5b4", "\U0001f600",
    "\U000e0001\U000e0020", "\ufffd\u0301", "\u0000\u0301",
]
for s in samples:
    row = [ascii(s)]
    for f in FORMS:
        n = u.normalize(f, s)
        row.append(ascii(n) if n != s else "=")
        row.append("T" if u.is_normalized(f, s) else "F")
    print(" ".join(row))

# normalization laws on every sample
for s in samples:
    nfd, nfc, nfkd, nfkc = (u.normalize(f, s) for f in ("NFD", "NFC", "NFKD", "NFKC"))
    assert u.normalize("NFC", nfd) == nfc and u.normalize("NFD", nfc) == nfd, ascii(s)
    assert u.normalize("NFKC", nfkd) == nfkc and u.normalize("NFKD", nfkc) == nfkd, ascii(s)

pool = (list(range(0x41, 0x5B)) + list(range(0x300, 0x370)) + list(range(0xC0, 0x180))
        + list(range(0x1100, 0x1176)) + list(range(0x11A8, 0x11C3))
        + [0xAC00, 0xAC01, 0xD7A3, 0x1E00, 0x1E9B, 0x1DC0, 0x0B47, 0x0B3E, 0x0B57, 0x0BC6, 0x0BBE,
           0x0BD7, 0x0CC6, 0x0CC2, 0x0CD5, 0x0D46, 0x0D3E, 0x0DD9, 0x0DCF, 0x1025, 0x102E, 0x1B05,
           0x1B35, 0x110A5, 0x110B9, 0x110BA, 0x11131, 0x11127, 0x11347, 0x1133E, 0x11357,
           0x05B4, 0x05B7, 0x05BC, 0x05C1, 0x05C2, 0xFB2A, 0x1F0, 0x3D3, 0x2126, 0x212B, 0xF951,
           0x2F868, 0x344, 0x340, 0x1F80, 0x345, 0x3B1, 0x391, 0xFDFA, 0x3300, 0x1D15E, 0x1D165,
           0x0F73, 0x0F71, 0x0F72, 0x0F80, 0xFF76, 0xFF9E, 0x304B, 0x3099, 0x309A, 0x20D2, 0xA8E0])
rnd = random.Random(1234)
lines = []
for i in range(1500):
    s = "".join(chr(rnd.choice(pool)) for _ in range(rnd.randrange(1, 7)))
    row = []
    for f in FORMS:
        n = u.normalize(f, s)
        row.append(n.encode("utf-8").hex() if n != s else "=")
        row.append("T" if u.is_normalized(f, s) else "F")
    lines.append(" ".join(row))
import zlib
print(zlib.crc32("\n".join(lines).encode()))
print("\n".join(lines[:40]))

# str subclasses come back as plain str
class S(str):
    pass
r = u.normalize("NFC", S("abc"))
print(type(r).__name__, r, u.is_normalized("NFD", S("\u00e9")))

# CPython's quick check: normalize() gives back its very argument (even a
# subclass) when every code point passes and the marks are in order
checks = []
for s in samples + ["\u4e00\u4e8c", "\u0300\u0301", "\u0301\u0300", "a\u0323\u0301", "a\u0301\u0323",
                    "\u00e9\u0300", "\uac00\u1161", "\u1161", "\u0378", "\xa0x"]:
    row = []
    for f in FORMS:
        sub = S(s)
        row.append("%d" % (u.normalize(f, sub) is sub))
    sub = S(s)
    row.append("%d" % (type(u.ucd_3_2_0.normalize("NFC", sub)) is S))
    checks.append(" ".join(row))
print("\n".join(checks))
quick = []
for cp in range(0xA0, 0x3400, 3):
    c = S(chr(cp))
    quick.append("".join("1" if u.normalize(f, c) is c else "0" for f in FORMS))
print(zlib.crc32("".join(quick).encode()))
