# The idna codec and stringprep, which use unicodedata.ucd_3_2_0.
import stringprep
import unicodedata

for name in ["bücher.example", "Bücher.Example", "straße.de", "münchen.de", "ñandú.com",
             "παράδειγμα.δοκιμή", "пример.испытание", "例え.テスト", "한국.kr", "xn--ls8h.la",
             "ascii.example.org", "ﬁle.example", "Ⅻ.example", "\u00ad\u200bx.com", "a.b.",
             "\u2126mega.gr", "é\u0301.fr"]:
    try:
        enc = name.encode("idna")
        print(ascii(name), enc, ascii(enc.decode("idna")))
    except UnicodeError as e:
        print(ascii(name), type(e).__name__, e)

for bad in ["a" * 64 + ".com", "\u0627\u0031.com", "\u05d0a\u05d0.il", "x\u0221.com",
            "\U000e0001.com", "\ufffd.com", "", ".", "\u3002"]:
    try:
        print(ascii(bad), bad.encode("idna"))
    except UnicodeError as e:
        print(ascii(bad), type(e).__name__, e)

for raw in [b"xn--bcher-kva.example", b"XN--BCHER-KVA.EXAMPLE", b"xn--mnchen-3ya.de",
            b"xn--zca.de", b"xn--.com", b"xn--a.com"]:
    try:
        print(raw, ascii(raw.decode("idna")))
    except UnicodeError as e:
        print(raw, type(e).__name__, e)

# stringprep tables over ranges (built on ucd_3_2_0)
tables = [f for f in sorted(dir(stringprep)) if f.startswith(("in_table", "map_table"))]
for t in tables:
    f = getattr(stringprep, t)
    hits = []
    for cp in list(range(0, 0x3400, 1)) + list(range(0xF900, 0x10000)) + list(range(0xE0000, 0xE0080)):
        r = f(chr(cp))
        if t.startswith("in_table"):
            if r:
                hits.append(cp)
        elif r != chr(cp):
            hits.append(cp)
    print(t, len(hits), sum(hits) % 1000003)
