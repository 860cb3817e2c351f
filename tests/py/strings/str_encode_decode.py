# encode/decode round trips
samples = ["ascii", "héllo wörld ✓", "日本語テキスト", "emoji 😀🎉", "", "\x00\x7f"]
for s in samples:
    b = s.encode()
    print(len(s), len(b), b[:12], b.decode() == s)
print("héllo".encode("utf-8"), "héllo".encode("latin-1"))
print(b"h\xc3\xa9llo".decode(), b"h\xe9llo".decode("latin-1"))
print("abc".encode("ascii").decode("ascii"))
print(b"\xff\xfeabc".decode("utf-8", "replace"), b"ab\xffcd".decode("utf-8", "ignore"))
print("é✓".encode("ascii", "replace"), "é✓".encode("ascii", "ignore"))
print("é".encode("ascii", "backslashreplace"), "é".encode("ascii", "xmlcharrefreplace"))
try:
    b"\xc3".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    "✓".encode("latin-1")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
try:
    b"\x80abc".decode("ascii")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
print(str(b"bytes repr"), str(b"\xc3\xa9", "utf-8"))
print(bytes("xyz", "utf-8"), list("é".encode()))
print("A".encode()[0], "€".encode(), len("€".encode()))
