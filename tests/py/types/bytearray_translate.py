# translate / maketrans / istitle on bytes and bytearray, and __bytes__
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

tbl = bytes.maketrans(b"abc", b"xyz")
print(len(tbl), tbl[97:100], bytearray.maketrans(bytearray(b"a"), memoryview(b"b"))[97], type(bytearray.maketrans(b"", b"")).__name__)
print(b"aabbcc".translate(tbl), b"abc".translate(None, b"b"), b"abc".translate(tbl, delete=b"a"), b"abc".translate(None))
print(bytearray(b"aabbcc").translate(tbl), bytearray(b"abc").translate(None, bytearray(b"c")), bytearray(b"abc").translate(bytearray(tbl)))
print(b"Hello World".istitle(), b"Hello world".istitle(), b"".istitle(), b"A1 B".istitle(), bytearray(b"Ab Cd").istitle(), b"aB".istitle())
print(b"xy".__bytes__(), type(b"q".__bytes__()).__name__)
t("maketrans-len", lambda: bytes.maketrans(b"ab", b"c"))
t("maketrans-str", lambda: bytes.maketrans("a", "b"))
t("table-len", lambda: b"a".translate(b"abc"))
t("table-str", lambda: b"a".translate("x" * 256))
t("delete-str", lambda: b"a".translate(None, "a"))
t("ba-table-len", lambda: bytearray(b"a").translate(b"x"))
t("no-args", lambda: b"a".translate())
# hex separators and partition's separator, for bytes and bytearray
for f in (lambda: b"ab".hex(1), lambda: b"ab".hex("::"), lambda: b"ab".hex(b""), lambda: b"ab".hex("\xe9"),
          lambda: b"ab".hex(bytearray(b":")), lambda: bytearray(b"ab").hex(bytearray(b":")), lambda: b"ab".hex(":"),
          lambda: bytearray(b"abc").partition(memoryview(b"b")), lambda: b"abc".partition(bytearray(b"b")),
          lambda: b"abc".rpartition(bytearray(b"x")), lambda: bytearray(b"abc").rpartition(bytearray(b"c"))):
    t("sep", f)
