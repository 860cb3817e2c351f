# unicodedata.name / lookup: names over a sample of code points (computed
# CJK and Hangul names included), aliases, named sequences, case rules.
import unicodedata as u
import zlib

crcs = {}
named = 0
for cp in list(range(0, 0x32000, 2)) + list(range(0xE0000, 0xE01F0)) + [0xF0000, 0x10FFFF]:
    ch = chr(cp)
    n = u.name(ch, None)
    if n is not None:
        named += 1
        if u.lookup(n) != ch:
            print("round trip failed", hex(cp), n)
        if not n.startswith(("CJK UNIFIED", "HANGUL SYLLABLE")) and u.lookup(n.lower()) != ch:
            print("lower-case round trip failed", hex(cp), n)
    k = cp >> 14
    crcs[k] = zlib.crc32(repr(n).encode(), crcs.get(k, 0))
print(named, " ".join("%x:%08x" % kv for kv in sorted(crcs.items())))

for cp in [0, 0x20, 0x41, 0xE9, 0x3A3, 0x5D0, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0xD7A3,
           0xD7A4, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0x20000, 0x2A6DF, 0x2A6E0, 0x3134A,
           0x3134B, 0xF900, 0x2F800, 0x17000, 0x18B00, 0x1B170, 0x1F600, 0xFDD0, 0xD800, 0xE000,
           0x10FFFF, 0x1F16A, 0xFE18, 0x1D0C5]:
    print("%04x" % cp, u.name(chr(cp), "-"))

for name in [
    "LATIN SMALL LETTER A", "latin small letter a", "Latin Small Letter A",
    "EM DASH", "SNOWMAN", "GREEK SMALL LETTER FINAL SIGMA", "DIGIT SEVEN",
    "HANGUL SYLLABLE GAG", "HANGUL SYLLABLE A", "HANGUL SYLLABLE YI", "HANGUL SYLLABLE PWILH",
    "HANGUL SYLLABLE", "HANGUL SYLLABLE ", "HANGUL SYLLABLE GAGX", "hangul syllable ga",
    "CJK UNIFIED IDEOGRAPH-4E00", "CJK UNIFIED IDEOGRAPH-04E00", "CJK UNIFIED IDEOGRAPH-4e00",
    "CJK UNIFIED IDEOGRAPH-20000", "CJK UNIFIED IDEOGRAPH-A000", "CJK UNIFIED IDEOGRAPH-4E0",
    "CJK UNIFIED IDEOGRAPH-004E00", "CJK UNIFIED IDEOGRAPH-3134A", "CJK UNIFIED IDEOGRAPH-3134B",
    "CJK COMPATIBILITY IDEOGRAPH-F900", "cjk compatibility ideograph-2f800",
    "KHITAN SMALL SCRIPT CHARACTER-18B00", "NUSHU CHARACTER-1B170", "TANGUT IDEOGRAPH-17000",
    # aliases (correction, control, abbreviation, figment, alternate)
    "LATIN CAPITAL LETTER GHA", "NULL", "LINE FEED", "LF", "NBSP", "BYTE ORDER MARK", "BOM",
    "ZWNBSP", "PADDING CHARACTER", "VS256", "SINGLE SHIFT TWO", "HIGH OCTET PRESET",
    "WEIERSTRASS ELLIPTIC FUNCTION", "byte order mark", "END OF LINE",
    # named sequences
    "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE", "TAMIL SYLLABLE KSSA",
    "KEYCAP NUMBER SIGN", "latin small letter r with tilde",
    "BENGALI LETTER KHINYA", "GEORGIAN LETTER U-BRJGU",
    # unknown
    "", " ", "LATIN SMALL LETTER", "NO SUCH THING", "LATIN SMALL LETTER A ", " LATIN SMALL LETTER A",
    "LATIN  SMALL LETTER A", "LATIN SMALL LETTER A\0", "\xe9", "SNOWMAN\u2603",
]:
    try:
        print(repr(name), ascii(u.lookup(name)))
    except KeyError as e:
        print(repr(name), type(e).__name__, e)

print(ascii(u.lookup(b"SNOWMAN")), ascii(u.lookup(b"keycap digit one")))
for n in ("A" * 256, "A" * 257, "A" * 1000):
    try:
        u.lookup(n)
    except KeyError as e:
        print(len(n), type(e).__name__, str(e)[:40])
for arg in (1, None, bytearray(b"NULL"), memoryview(b"NULL"), ["NULL"]):
    try:
        u.lookup(arg)
    except TypeError as e:
        print(type(e).__name__, e)
