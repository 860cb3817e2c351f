# Integer arguments of str and bytes methods convert with CPython's errors
# (Py_ssize_t or C int converters), never as an IndexError.
def t(label, f):
    try:
        r = f()
        print(label, "ok", r)
    except Exception as e:
        print(label, type(e).__name__, e)

B = 1 << 63
for n in (B, -B - 1, 1 << 31, -(1 << 31) - 1):
    print("n =", n)
    t(" str.split", lambda: "a b c".split(None, n))
    t(" str.rsplit", lambda: "a b c".rsplit(" ", n))
    t(" str.replace", lambda: "aaa".replace("a", "b", n))
    t(" bytes.split", lambda: b"a b c".split(None, n))
    t(" bytes.rsplit", lambda: b"a b c".rsplit(b" ", n))
    t(" bytes.replace", lambda: b"aaa".replace(b"a", b"b", n))
    t(" bytes.hex", lambda: b"abc".hex(":", n))
    t(" bytes([n])", lambda: bytes([n]))
    t(" bytes([0, n])", lambda: bytes((0, n)))
    t(" str subscript", lambda: "abc"[n])
    t(" bytes subscript", lambda: b"abc"[n])
t("hex float", lambda: b"ab".hex(":", 1.0))
t("center float", lambda: "ab".center(5.0))
t("expandtabs float", lambda: "a\tb".expandtabs(2.0))
t("split str", lambda: "a b".split(None, "1"))
t("index obj", lambda: "a b c".split(None, True))
