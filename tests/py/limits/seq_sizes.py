# Size computations of the built-in sequences: overflow is caught before it
# happens and raises what CPython raises, at once.
def t(label, f):
    try:
        r = f()
        print(label, "ok", len(r) if hasattr(r, "__len__") else r)
    except Exception as e:
        print(label, type(e).__name__, e)

N62 = 1 << 62
for n in (N62, 1 << 63, (1 << 63) - 1, 1 << 40, -N62):
    print("n =", n)
    t(" str*n", lambda: "ab" * n)
    t(" str1*n", lambda: "a" * n)
    t(" n*str", lambda: n * "\u20ac")
    t(" bytes*n", lambda: b"ab" * n)
    t(" bytes1*n", lambda: b"a" * n)
    t(" list*n", lambda: [0, 1] * n)
    t(" list1*n", lambda: [0] * n)
    t(" tuple*n", lambda: (0, 1) * n)
    t(" tuple1*n", lambda: (0,) * n)
    t(" bytes(n)", lambda: bytes(n))
    t(" to_bytes", lambda: (1).to_bytes(n, "big"))
    t(" to_bytes little", lambda: (0).to_bytes(n, "little"))

def inplace(v, n):
    v *= n
    return v

t("list *= 62", lambda: inplace([1, 2], N62))
t("list *= 63", lambda: inplace([1, 2], 1 << 63))
t("str *= 62", lambda: inplace("ab", N62))
t("tuple *= 62", lambda: inplace((1, 2), N62))
t("bytes *= 62", lambda: inplace(b"ab", N62))
big = "x" * 1000
t("replace grow", lambda: "ab".replace("a", big, -1))
t("join", lambda: ",".join(["a", "b"]))
t("fromhex", lambda: bytes.fromhex("00ff" * 3))
