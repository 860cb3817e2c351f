# bytearray: construction, repr, indexing, comparisons, operators, iteration
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

print(bytearray(), bytearray(3), bytearray(b"abc"), bytearray([1, 2, 255]))
print(bytearray("héllo", "utf-8"), bytearray("abc", encoding="ascii"), bytearray(range(5)))
print(bytearray(memoryview(b"xyz")), bytearray(bytearray(b"q")), bytearray(True), bytearray((x for x in b"gen")))
print(repr(bytearray(b"a'b")), repr(bytearray(b'a"b')), repr(bytearray(b"a'\"b")), str(bytearray(b"\x00\n\\")))
t("enc-no-str", lambda: bytearray(b"a", "utf-8"))
t("str-no-enc", lambda: bytearray("abc"))
t("errors-only", lambda: bytearray(errors="strict"))
t("enc-type", lambda: bytearray("a", 5))
t("errors-type", lambda: bytearray("a", "utf-8", 1))
t("float", lambda: bytearray(1.5))
t("neg", lambda: bytearray(-1))
t("range", lambda: bytearray([256]))
t("item-type", lambda: bytearray(["a"]))
t("too-many", lambda: bytearray(1, 2, 3, 4))
t("bad-kw", lambda: bytearray(x=1))
t("encode", lambda: bytearray("é", "ascii"))
t("big", lambda: bytearray(2**70))

ba = bytearray(b"hello world")
print(len(ba), ba[0], ba[-1], ba[1:4], ba[::2], ba[::-1], ba[100:], ba[-3:])
t("index", lambda: ba[11])
t("neg-index", lambda: ba[-12])
t("key-type", lambda: ba["a"])
t("huge-index", lambda: ba[2**70])
print(list(ba[:3]), [x for x in bytearray(b"ab")], 104 in ba, b"wor" in ba, bytearray(b"lo") in ba, memoryview(b"o w") in ba)
t("in-range", lambda: 300 in ba)
t("in-str", lambda: "a" in ba)

print(ba == b"hello world", b"hello world" == ba, ba == bytearray(b"hello world"), ba != b"x")
print(ba < b"help", bytearray(b"b") > b"a", bytearray(b"a") <= bytearray(b"a"), ba >= memoryview(b"hello"))
print(ba == "hello world", ba == 5, bytearray(b"ab") == memoryview(b"ab"))
t("lt-str", lambda: ba < "x")
t("hash", lambda: hash(ba))

print(bytearray(b"ab") + b"cd", bytearray(b"ab") + bytearray(b"x"), bytearray(b"ab") + memoryview(b"m"))
print(b"ab" + bytearray(b"cd"), type(b"ab" + bytearray(b"cd")).__name__, b"ab" + memoryview(b"z"))
print(bytearray(b"ab") * 3, 2 * bytearray(b"xy"), bytearray(b"ab") * 0, bytearray(b"ab") * -1)
t("concat-str", lambda: bytearray(b"a") + "b")
t("concat-int", lambda: bytearray(b"a") + 1)
t("str-concat", lambda: "a" + bytearray(b"b"))
t("mul-str", lambda: bytearray(b"a") * "b")
print(bytearray(b"%d-%s-%b") % (5, b"x", bytearray(b"y")), bytearray(b"%c%c") % (65, bytearray(b"B")))
print(b"%s|%b" % (bytearray(b"p"), memoryview(b"q")), b"%c" % bytearray(b"z"))

x = bytearray(b"ab")
y = x
x += b"cd"
print(x, y, x is y)
x *= 2
print(x, y is x)
x += bytearray(b"!")
x += memoryview(b"?")
print(x)
try:
    x += 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    x *= "a"
except TypeError as e:
    print(type(e).__name__, e)

it = iter(bytearray(b"xyz"))
print(type(it).__name__, next(it), list(it), list(it))
print(bool(bytearray()), bool(bytearray(1)), sorted(bytearray(b"cab")), max(bytearray(b"az")))
print(bytes(bytearray(b"conv")), list(bytearray(b"\x00\xff")), tuple(bytearray(b"hi")))

class B(bytearray):
    pass

b = B(b"sub")
print(repr(b), type(b).__name__, b == b"sub", type(b + b"x").__name__, type(b.upper()).__name__)
print(isinstance(b, bytearray), type(B.fromhex("6162")).__name__, B.fromhex("6162"))
b.extra = 1
print(b.extra, len(b))
