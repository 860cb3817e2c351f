# range and bytearray __reduce__/__reduce_ex__: copy.deepcopy and pickle of them
import copy
import pickle

print(range(3, 10, 2).__reduce__(), range(5).__reduce_ex__(2))
print(range(2).__reduce__(1, 2))
print(range(-5, 2**70, 3).__reduce__())
try:
    range(2).__reduce__(x=1)
except Exception as e:
    print(type(e).__name__, e)

b = bytearray(b"ab\xff")
print(b.__reduce__())
for proto in range(6):
    print(proto, b.__reduce_ex__(proto), bytearray().__reduce_ex__(proto))
print(b.__reduce_ex__())


class B(bytearray):
    pass


x = B(b"q")
x.z = 1
print(x.__reduce_ex__(4), x.__reduce__())
for args in ((1, 2), ("a",)):
    try:
        b.__reduce_ex__(*args)
    except Exception as e:
        print(type(e).__name__, e)
try:
    b.__reduce_ex__(proto=2)
except Exception as e:
    print(type(e).__name__, e)
try:
    b.__reduce__(1)
except Exception as e:
    print(type(e).__name__, e)

data = {"r": range(1, 20, 4), "b": bytearray(b"\x00abc\x80"), "e": bytearray(), "x": x}
c = copy.deepcopy(data)
print(c == data, c["b"] is not data["b"], c["x"].z, type(c["x"]).__name__, list(c["r"]))
print(copy.copy(b) == b, copy.copy(b) is not b)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    back = pickle.loads(pickle.dumps(data, proto))
    print(proto, back == data, back["x"].z, back["r"])
