# array: typecodes, conversions and their errors, sequence protocol, methods, pickling, buffers.
import array
A = array.array

a = A('i', [1, 2, 3])
print(a, len(a), a[0], a[-1], a[1:], a[::-1], list(a), 2 in a, 9 in a)
a.append(4); a.extend([5, 6]); a.insert(0, 0); print(a, a.pop(), a.pop(0), a)
a[1] = 10; del a[0]; print(a, a.index(3), a.count(3), a.tolist(), a.tobytes())
a.remove(10); a.reverse(); print(a)
m = memoryview(a); print(m.format, m.itemsize, m.tolist(), m.nbytes)
try: a.append(1)
except Exception as e: print(type(e).__name__, e)
m.release(); a.append(7); print(a)
print(bytes(A('h', [1, 256])), A('u', 'héllo'), A('u', 'ab').tounicode(), A('d', [1.5, 2]) + A('d', [3]), A('b', [1, 2]) * 3)
print(A('f', [0.1]), repr(A('B')), A('q', [2**63-1]), A('Q', [2**64-1]), A('L', [2**64-1]), A('l', [-2**63]))
print(a.__reduce_ex__(2), a.__reduce_ex__(3))
print(A('i',[1,2]) == A('i',[1,2]), A('i',[1,2]) < A('i',[1,3]), A('i',[1]) == A('d',[1.0]), A('i',[1,2]) != A('b',[1,2]))
x = A('i', range(10)); x[2:5] = A('i', [9]); print(x); x[::2] = A('i', [0]*4); print(x); del x[::3]; print(x); del x[1:3]; print(x)
x += A('i', [5]); x *= 2; print(x)
it = iter(x); next(it); print(it.__reduce__())
print(array._array_reconstructor(A, 'i', 9, b'\x00\x00\x00\x01'), array._array_reconstructor(A, 'b', 8, b'\x01\x00\x00\x00'))
import struct
print(struct.unpack('3i', A('i', [1,2,3])))
b = A('d', [1.0, 2.0]); b.byteswap(); print(b.tobytes()); b.byteswap(); print(b, b.buffer_info()[1], b.itemsize, b.typecode)
class S(A): pass
s = S('i', [1, 2]); s.x = 5; print(s, s[0:1], type(s[0:1]).__name__, s.__reduce_ex__(3))
print(A('i', b'\x01\x00\x00\x00'), A('i', A('i', [3])), A('d', A('i', [3])), A('i', (x for x in range(3))))

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for tc, vals in [('b', [128, -129, 1.5, 'a', True]), ('B', [256, -1]), ('h', [2**15, -2**15-1]), ('H', [2**16, -1]),
                 ('i', [2**31, -2**31-1]), ('I', [2**32, -1, 2**31]), ('l', [2**63, -2**63-1]), ('L', [2**64, -1, 1.0]),
                 ('q', [2**63, -2**63-1]), ('Q', [2**64, -1, 1.0]), ('f', ['x', 2**1024, 1e300]), ('d', [None, 5]), ('u', [1, 'ab', 'é'])]:
    for v in vals:
        show(lambda: A(tc, [v]))
for args in [('x',), ('bb',), (1,), ('b', 1), ('u', b'ab'), ('b', 'ab'), ('i', b'abc'), ('i', A('u', 'a')), ()]:
    show(lambda: A(*args))
show(lambda: A(typecode='b'))
show(lambda: A('b', [], 1))
a = A('i', [1, 2, 3])
for f in [lambda: a[5], lambda: a.__setitem__(5, 1), lambda: a.__delitem__(5), lambda: a['x'], lambda: a.pop(10), lambda: A('i').pop(),
          lambda: a.remove(9), lambda: a.index(9), lambda: a + [1], lambda: a + A('b'), lambda: a * 'x', lambda: a.__iadd__(A('b')),
          lambda: a.__iadd__([1]), lambda: a.extend(A('b')), lambda: a.extend(5), lambda: a.frombytes('x'), lambda: a.frombytes(b'abc'),
          lambda: a.fromlist((1,)), lambda: a.fromlist([1, 'x']), lambda: a.fromunicode('x'), lambda: A('u').fromunicode(5),
          lambda: a.tounicode(), lambda: a.byteswap(1), lambda: a.__setitem__(slice(0, 3, 2), A('i', [1])),
          lambda: a.__setitem__(slice(0, 1), [1]), lambda: a.__setitem__(slice(0, 1), A('b', [1])), lambda: a.__setitem__(0, 'x'),
          lambda: a < 1, lambda: a.insert('x', 1), lambda: a.fromfile(1, 1), lambda: a.tofile(1), lambda: a.index(1, 'x'),
          lambda: a.count(), lambda: a.__reduce_ex__('x'), lambda: hash(a), lambda: a.pop(-4), lambda: a.__setitem__(slice(0, 0), 5),
          lambda: a.index(3, -1), lambda: a.index(1, 1), lambda: a.index(2, 0, 1), lambda: a.index(2, 0, 2), lambda: a[10:20], lambda: a[-100:2],
          lambda: a.pop(-3), lambda: a, lambda: A('i', [1]) * -1, lambda: 2 * A('i', [7]), lambda: a.__imul__('x')]:
    show(f)
print(a)
fl = A('i', [1, 2]); show(lambda: fl.fromlist([3, 'x'])); print(fl)
ex = A('i', [1, 2]); show(lambda: ex.extend([3, 'x'])); print(ex)
print(array.typecodes, array.ArrayType is A, A.__module__, A.__name__, type(iter(a)).__name__)
print(sorted(x for x in dir(array) if not x.startswith('__')))
print(sorted(x for x in dir(A) if not x.startswith('__')))
print(A('u', 'x').itemsize)
show(lambda: A[int])
for f in [lambda: array._array_reconstructor(1, 'i', 8, b''), lambda: array._array_reconstructor(int, 'i', 8, b''),
          lambda: array._array_reconstructor(A, 'x', 8, b''), lambda: array._array_reconstructor(A, 'i', 99, b''),
          lambda: array._array_reconstructor(A, 'i', 8, 'x'), lambda: array._array_reconstructor(A, 'i', 8, b'abc'),
          lambda: array._array_reconstructor(A, 'h', 3, b'\x01\x02'), lambda: array._array_reconstructor(A, 'f', 15, b'?\x80\x00\x00'),
          lambda: array._array_reconstructor(A, 'd', 17, b'?\xf0\x00\x00\x00\x00\x00\x00'), lambda: array._array_reconstructor(A, 'q', 13, b'\xff' * 8), lambda: array._array_reconstructor(A, 'B', 1, b'\xff')]:
    show(f)
# copy module goes through __reduce_ex__ and _array_reconstructor
import copy
for tc, init in [('i', [1, -2]), ('d', [0.5]), ('u', 'xyz'), ('B', [])]:
    c = copy.copy(A(tc, init)); d = copy.deepcopy(A(tc, init))
    print(c, d, c == A(tc, init))
class S(A):
    pass
s = S('i', [4]); s.attr = [1]
t = copy.deepcopy(s)
print(type(t).__name__, t, t.attr, t.attr is s.attr)
# memoryview and buffer protocol
b = A('i', [1, 2, 3])
m = memoryview(b)
print(m.format, m.itemsize, m.nbytes, m.tolist(), m[1], bytes(m[:1]))
m[0] = 100
print(b)
for f in [lambda: b.append(4), lambda: b.extend([1]), lambda: b.pop(), lambda: b.__delitem__(0), lambda: b.__imul__(2),
          lambda: b.__setitem__(slice(0, 1), A('i')), lambda: b.frombytes(b''), lambda: b.__setitem__(slice(0, 1), A('i', [7]))]:
    show(f)
m.release()
b.append(4)
print(b, bytes(A('h', [1, 2])), bytearray(A('b', [65])), b'x'.join([A('b', [66])]))
print(memoryview(A('d', [1.5])).tolist(), memoryview(A('B', [1, 2]))[::-1].tolist())
m2 = memoryview(A('i', [5, 6]))
print(m2.cast('B').tolist())
# memoryview of a 'u' array: format 'w', item access not supported (as CPython)
m = memoryview(A('u', 'ab'))
print(m.format, m.itemsize, m.nbytes, len(m), bytes(m))
for f in [lambda: m.tolist(), lambda: m[0], lambda: m.cast('B').tolist()[:4]]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
for f in [lambda: m.__setitem__(0, 'x'), lambda: list(m), lambda: m == m, lambda: m.tobytes(), lambda: m.hex()]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
# Importing array registers it as a MutableSequence (and so imports collections.abc).
import sys
print("collections.abc" in sys.modules, isinstance(array.array("i"), sys.modules["collections.abc"].MutableSequence))
