# bytearray: the mutating methods, item and slice assignment, deletion
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba.extend([103, 104])
ba.extend(bytearray(b"i"))
ba.extend(memoryview(b"j"))
ba.extend(x for x in b"k")
ba.extend(ba[:1])
print(ba, len(ba))
ba.insert(0, 65)
ba.insert(-1, 66)
ba.insert(100, 67)
ba.insert(-100, 68)
print(ba)
print(ba.pop(), ba.pop(0), ba.pop(-2), ba)
ba.remove(ord("c"))
print(ba)
c = ba.copy()
ba.reverse()
print(ba, c, c is ba, type(c).__name__)
ba.clear()
print(ba, len(ba))
ba.extend(ba)
print(ba)

t("append-range", lambda: ba.append(256))
t("append-neg", lambda: ba.append(-1))
t("append-str", lambda: ba.append("a"))
t("append-big", lambda: ba.append(2**70))
t("append-none", lambda: ba.append())
t("append-two", lambda: ba.append(1, 2))
t("extend-int", lambda: ba.extend(5))
t("extend-str", lambda: ba.extend("ab"))
t("extend-item", lambda: ba.extend([1, "a"]))
t("extend-range", lambda: ba.extend([1, 256]))
t("pop-empty", lambda: bytearray().pop())
t("pop-range", lambda: bytearray(b"a").pop(5))
t("pop-str", lambda: bytearray(b"a").pop("x"))
t("pop-two", lambda: bytearray(b"a").pop(1, 2))
t("pop-big", lambda: bytearray(b"a").pop(2**70))
t("remove-miss", lambda: bytearray(b"a").remove(9))
t("remove-range", lambda: bytearray(b"a").remove(300))
t("insert-one", lambda: bytearray(b"a").insert(1))
t("insert-range", lambda: bytearray(b"a").insert(0, 300))
t("insert-str", lambda: bytearray(b"a").insert("a", 3))
t("clear-arg", lambda: bytearray(b"a").clear(1))
t("copy-arg", lambda: bytearray(b"a").copy(1))
t("reverse-arg", lambda: bytearray(b"a").reverse(1))
print(ba)

ba = bytearray(b"0123456789")
ba[0] = 65
ba[-1] = 66
print(ba)
ba[1:3] = b"xyz"
print(ba)
ba[1:4] = []
print(ba)
ba[2:2] = bytearray(b"--")
print(ba)
ba[:] = ba
print(ba)
ba[::2] = b"ABCDE"
print(ba)
ba[1::3] = [1, 2, 3]
print(ba)
ba[::-1] = range(10)
print(ba)
ba[3:1] = b"q"
print(ba)
ba[len(ba):] = memoryview(b"end")
print(ba)
del ba[0]
del ba[-1]
print(ba)
del ba[::2]
print(ba)
del ba[::-3]
print(ba)
del ba[1:3]
print(ba)
del ba[:]
print(ba)
ba = bytearray(b"abcdef")
ba[1:3] = (x for x in b"XYZ")
print(ba)

t("set-range", lambda: ba.__setitem__(0, 256))
t("set-str", lambda: ba.__setitem__(0, "a"))
t("set-bytes", lambda: ba.__setitem__(0, b"a"))
t("set-index", lambda: ba.__setitem__(10, 1))
t("set-key", lambda: ba.__setitem__("a", 1))
t("slice-int", lambda: ba.__setitem__(slice(1, 2), 5))
t("slice-str", lambda: ba.__setitem__(slice(1, 2), "ab"))
t("slice-float", lambda: ba.__setitem__(slice(1, 2), 1.5))
t("slice-range", lambda: ba.__setitem__(slice(1, 2), [300]))
t("slice-item", lambda: ba.__setitem__(slice(1, 2), ["a"]))
t("slice-obj", lambda: ba.__setitem__(slice(1, 2), object()))
t("ext-size", lambda: ba.__setitem__(slice(None, None, 2), b"x"))
t("del-index", lambda: ba.__delitem__(10))
t("del-key", lambda: ba.__delitem__("a"))
print(ba)
ba = bytearray(b'ab')
try:
    ba.__init__(5.5)
except Exception as e:
    print(type(e).__name__, e, ba)
ba = bytearray(b'ab')
m = memoryview(ba)
try:
    ba.__init__(b'xy')
except Exception as e:
    print(type(e).__name__, e, ba)
try:
    ba.__init__(1, 2, 3, 4)
except Exception as e:
    print(type(e).__name__, e, ba)
m.release()
ba.__init__(b'xyz')
print(ba)
ba.__init__()
print(ba)
e = bytearray()
m = memoryview(e)
e.__init__()
print(e)
