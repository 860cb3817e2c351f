# unicodedata.ucd_3_2_0: the Unicode 3.2.0 view the idna codec and
# stringprep use, over a sample of code points.
import unicodedata as u
import zlib

o = u.ucd_3_2_0
print(type(o), o.unidata_version)
cps = list(range(1, 0x32000, 5)) + list(range(0xE0000, 0xE0100))
props = [
    ("category", o.category),
    ("bidirectional", o.bidirectional),
    ("combining", o.combining),
    ("east_asian_width", o.east_asian_width),
    ("mirrored", o.mirrored),
    ("decomposition", o.decomposition),
    ("decimal", lambda c: o.decimal(c, None)),
    ("digit", lambda c: o.digit(c, None)),
    ("numeric", lambda c: o.numeric(c, None)),
    ("name", lambda c: o.name(c, None)),
]
for pname, f in props:
    crcs = {}
    for cp in cps:
        k = cp >> 14
        crcs[k] = zlib.crc32(repr(f(chr(cp))).encode(), crcs.get(k, 0))
    print(pname, " ".join("%x:%08x" % kv for kv in sorted(crcs.items())))

# code points whose properties changed after 3.2.0
for cp in [0x221, 0x237, 0x9FA5, 0x9FA6, 0x9FFF, 0x20000, 0x1D7CE, 0x2F868, 0xF951, 0x00B5,
           0x2206, 0x0BE6, 0x1034A, 0x3405, 0xE0001, 0x10FFFD]:
    ch = chr(cp)
    print("%04x" % cp, o.category(ch), u.category(ch), o.bidirectional(ch), o.mirrored(ch),
          o.east_asian_width(ch), repr(o.decomposition(ch)), o.decimal(ch, None),
          o.numeric(ch, None), o.name(ch, None))
for form in ("NFC", "NFD", "NFKC", "NFKD"):
    for s in ["\U0002F868", "\U0002F874\u0301", "\u0221\u0301", "e\u0301\u0327", "\uac00\u11a8",
              "\u1e9b\u0323", "\ufb01", "\u2126"]:
        print(form, ascii(s), ascii(o.normalize(form, s)), o.is_normalized(form, s))
for name in ["LATIN SMALL LETTER A", "CJK UNIFIED IDEOGRAPH-9FA5", "CJK UNIFIED IDEOGRAPH-9FFF",
             "HANGUL SYLLABLE GAG", "LATIN SMALL LETTER D WITH CURL", "BYTE ORDER MARK",
             "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE", "latin small letter b"]:
    try:
        print(name, ascii(o.lookup(name)))
    except KeyError as e:
        print(type(e).__name__, e)
