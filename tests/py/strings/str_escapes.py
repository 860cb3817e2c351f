# string escapes and unicode
print("tab\there", "new\\nline", 'single \' quote', "double \" quote")
print(repr("\n\t\r\x00\x7f\\"), len("\n\t"), "\x41\x42", "\101\102")
print("\u00e9", "\u2713", "\U0001F600", "\N{GREEK SMALL LETTER ALPHA}")
print(repr("é"), repr("\u2713"), repr("\x80"), repr("\u200b"), repr("\U0001F600"))
print(ascii("é✓"), ascii("plain"), ascii("\U0001F600"))
print(r"raw\nstring", r"\d+\.\d", len(r"\n"), repr(r"a\b"))
print("""triple
quoted""", '''another "one"''')
print(repr("it's"), repr('say "hi"'), repr("both ' and \""))
print("a" "b" 'c', "line " \
      "continued")
print(ord("é"), chr(233), ord("✓"), chr(10003), ord("\U0001F600"), hex(ord("€")))
s = "naïve café"
print(len(s), s.encode("utf-8"), len(s.encode("utf-8")), s.encode("utf-8").decode("utf-8") == s)
print("é".encode("latin-1"), "abc".encode("ascii"), "✓".encode("utf-16-le"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
print("\a\b\f\v" == "\x07\x08\x0c\x0b", repr("\a\b\f\v"))
print(repr(chr(0)), repr(chr(31)), repr(chr(127)), repr(chr(160)), repr(chr(173)))
