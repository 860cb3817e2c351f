# bytearray's searching methods, `in` and comparisons (done in place)
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

class I:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v

ba = bytearray(b"abracadabra")
print(ba.find(b"a", 1), ba.find(b"a", I(4), I(-1)), ba.rfind(97, None, 5), ba.index(bytearray(b"cad")))
print(ba.rindex(memoryview(b"ra")), ba.count(b"a"), ba.count(b"a", I(1)), ba.count(b""), ba.count(b"", 20))
print(ba.startswith(b"abr"), ba.startswith((b"x", bytearray(b"abra"), memoryview(b"q"))), ba.startswith(b"bra", 1, I(4)))
print(ba.endswith(b"bra"), ba.endswith((bytearray(b"cad"),), 0, 7), ba.endswith(b"", 50), ba.find(b"", 11), ba.find(b"", 12))
print(ba.find(bytearray()), ba.rfind(b"abra", -20, 100), ba.find(b"a", True), bytearray().find(b""), bytearray().count(0))
print(b"cad" in ba, 99 in ba, 255 in ba, bytearray(b"") in ba, memoryview(b"dab") in ba, I(97) in ba, True in bytearray(b"\x01"))
t("find-none", lambda: ba.find())
t("find-many", lambda: ba.find(b"a", 1, 2, 3))
t("find-kw", lambda: ba.find(b"a", start=1))
t("find-float", lambda: ba.find(b"a", 1.5))
t("find-index-obj", lambda: ba.find(I(97)))
t("find-list", lambda: ba.find([97]))
t("count-range", lambda: ba.count(-1))
t("index-miss", lambda: ba.index(b"zz"))
t("rindex-miss", lambda: ba.rindex(122))
t("startswith-list", lambda: ba.startswith([b"a"]))
t("startswith-tuple-str", lambda: ba.startswith((b"a", "b")))
t("endswith-int", lambda: ba.endswith(97))
t("in-float", lambda: 1.5 in ba)
t("in-range", lambda: -1 in ba)
t("in-list", lambda: [97] in ba)

print(ba == b"abracadabra", ba != bytearray(b"abracadabra"), ba < b"abrb", ba > b"abr", ba <= memoryview(b"abracadabra"))
print(b"abracadabra" == ba, b"abr" < ba, bytearray(b"") < bytearray(b"\x00"), bytearray(b"\xff") > b"\x00\x01")
print(ba == [97], ba != "abracadabra", memoryview(b"abracadabra") == ba, ba == memoryview(b"abracadabra")[::1])
t("lt-list", lambda: ba < [1])
t("gt-int", lambda: ba > 1)
t("bytes-find-none", lambda: b"a".find())
t("bytes-count-many", lambda: b"a".count(b"a", 0, 1, 2))
t("bytes-startswith-kw", lambda: b"a".startswith(b"a", start=0))
t("bytes-find-index-obj", lambda: b"abc".find(I(98)))
t("ba-endswith-none", lambda: bytearray(b"a").endswith())
