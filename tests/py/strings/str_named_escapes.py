# \N{...} escapes: string literals (resolved at compile time), the
# unicode_escape codec and re, over the full Unicode name database.
import re

print(ascii("\N{EM DASH}\N{em dash}\N{Em Dash}"))
print(ascii("\N{SNOWMAN} \N{GREEK SMALL LETTER FINAL SIGMA} \N{DIGIT SEVEN}"))
print(ascii("\N{HANGUL SYLLABLE GAG}\N{CJK UNIFIED IDEOGRAPH-4E00}\N{CJK UNIFIED IDEOGRAPH-2A6DF}"))
print(ascii("\N{BYTE ORDER MARK}\N{LF}\N{NBSP}\N{VS256}\N{LATIN CAPITAL LETTER GHA}"))
print(ascii("\N{TIBETAN MARK BKA- SHOG GI MGO RGYAN}\N{MATHEMATICAL BOLD CAPITAL A}"))
print(ascii(f"\N{BULLET} {1 + 1}\N{RIGHTWARDS ARROW}"))
print(ascii(r"\N{EM DASH}"), ascii(b"\N{EM DASH}"), ascii(rb"\N{X}"))
print(len("\N{CJK COMPATIBILITY IDEOGRAPH-2F800}\N{KHITAN SMALL SCRIPT CHARACTER-18B00}"))

for src in [
    r'"\N{NO SUCH NAME}"',
    r'"abc\N{EM DASH}\N{NOPE}"',
    r'"\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}"',
    r'"\N{hangul syllable ga}"',
    r'"\N{CJK UNIFIED IDEOGRAPH-4e00}"',
    r'"\N{EM DASH"',
    r'"\N{}"',
    r'"\N"',
    r'"\NEM DASH"',
    r'f"\N{NOPE}"',
    r'"\N{LATIN SMALL LETTER A} \N{TANGUT IDEOGRAPH-17000}"',
]:
    try:
        print(ascii(eval(src)))
    except SyntaxError as e:
        print(type(e).__name__, e.msg)

for data in [b"\\N{EM DASH}", b"x\\N{latin small letter a}y", b"\\N{NOPE}", b"\\N{EM DASH",
             b"\\N{}", b"\\N", b"\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}",
             b"\\N{BOM}"]:
    try:
        print(ascii(data.decode("unicode_escape")))
    except UnicodeDecodeError as e:
        print(type(e).__name__, e)
    print(ascii(data.decode("unicode_escape", "replace")))

print(re.findall(r"\N{EM DASH}+", "a\u2014\u2014b\u2014"))
print(re.findall(r"[\N{LATIN SMALL LETTER A}-\N{LATIN SMALL LETTER C}]+", "xabcdcba"))
print(bool(re.match(r"\N{SNOWMAN}\N{BOM}", "\u2603\ufeff")))
for pat in [r"\N{NOPE}", r"\N{EM DASH", r"\N", r"[\N{NOPE}]", r"\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}"]:
    try:
        re.compile(pat)
        print("ok", pat)
    except re.error as e:
        print(type(e).__name__, e)
try:
    re.compile(rb"\N{EM DASH}")
except re.error as e:
    print(type(e).__name__, e)

# namereplace writes names from the same database (and, as CPython, the
# names of aliases and named sequences for their private code points)
s = "a\u2014\U0001f600\xe9\udc80\uac00\u4e00\x80\u0378\U000f0000\U000f01d5\U000f01d6\U000f0200\U000f03cc\U000f03cd"
print(s.encode("ascii", "namereplace"))
print(s.encode("latin-1", "namereplace"))
import codecs
print(codecs.namereplace_errors(UnicodeEncodeError("ascii", "a\u2014\u2603b", 1, 3, "x")))
