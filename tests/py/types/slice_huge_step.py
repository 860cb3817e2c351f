# Extended slices whose step is near sys.maxsize: the index after the last
# item is never computed in signed arithmetic (UBSan caught the overflow).
import sys

big = sys.maxsize
for seq in ([1, 2, 3, 4], (1, 2, 3, 4), "abcd", "ab\u00e9d", b"abcd", bytearray(b"abcd")):
    print(repr(seq[3::big]), repr(seq[::big]), repr(seq[1::big]), repr(seq[::-big]),
          repr(seq[-1::-big]), repr(seq[::big - 1]))

l = [1, 2, 3, 4]
l[::big] = [9]
l[3::big] = [8]
print(l)
del l[::big]
print(l)
b = bytearray(b"abcd")
b[::big] = b"z"
b[2::big] = b"y"
print(b)
try:
    l[::big] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
print(list(range(10))[2::big], list(range(10))[::-big])
