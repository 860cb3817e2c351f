# bytearray(iterable) appends each item as it comes: the iterable sees the
# bytearray grow, with room allocated past its length (test_bytes' test_init_alloc).
b = bytearray()
def g():
    for i in range(1, 10):
        yield i
        print(list(b), b.__alloc__() > len(b))
b.__init__(g())
print(b, b.__alloc__() > len(b))
print(bytearray(), bytearray().__alloc__())
for src in [[1, 2, 300], [1, "x"], 5, object(), iter([1,2]), (x for x in b"ab"), memoryview(b"xy"), b"zz", bytearray(b"q")]:
    try:
        print(bytearray(src))
    except Exception as e:
        print(type(e).__name__, e)
b = bytearray(b"abc")
try:
    b.__init__([1, 2, "x"])
except TypeError as e:
    print(e, b)
