# bytes/bytearray conformance: subclass results, bytes() conversion order,
# hex separators, extended-slice deletion, iterator pickling.
import pickle, copy

def t(f):
    try: r = f(); print(type(r).__name__, repr(r))
    except Exception as e: print(type(e).__name__, e)

class BS(bytes): pass
class OBS(bytes): pass
for m, a in [('center',(3,)),('ljust',(2,)),('rjust',(3,)),('zfill',(2,)),('removeprefix',(b'x',)),('removesuffix',(b'x',)),('center',(5,)),('zfill',(5,))]:
    s = BS(b'abc'); r = getattr(s, m)(*a); print(m, type(r).__name__, r, r is s)
    s = b'abc'; r = getattr(s, m)(*a); print(m, type(r).__name__, r, r is s)
a = b'123abc1@'
print(a * 1 is a, 1 * a is a, a * 2 is a, BS(a) * 1 is BS(a), type(BS(a)*1).__name__)
t(lambda: BS.fromhex('1a2b'))
t(lambda: bytearray.fromhex('1a2b'))
class BAS(bytearray): pass
t(lambda: BAS.fromhex('1a2b'))
b = BS(b'xyz'); b.q = 5
t(lambda: pickle.loads(pickle.dumps(b, 2)))
t(lambda: copy.deepcopy(b).q)
t(lambda: copy.copy(b))
t(lambda: b.__getnewargs__())
class IB(int): __bytes__ = None
class LB(list): __bytes__ = None
class BB(bytes): __bytes__ = None
class BAB(bytearray): __bytes__ = None
for x in [IB(3), LB([1,2]), BB(b'ab'), BAB(b'ab'), [1,2], 3, bytearray(b'q')]:
    t(lambda: bytes(x))
class A:
    def __bytes__(self): return b'a'
    def __index__(self): return 42
t(lambda: bytes(A()))
class A(str):
    def __bytes__(self): return b'abc'
t(lambda: bytes(A('\u20ac'))); t(lambda: bytes(A('\u20ac'), 'iso8859-15'))
class A:
    def __bytes__(self): return OBS(b'abc')
t(lambda: bytes(A())); t(lambda: BS(A()))
class A:
    def __bytes__(self): return None
t(lambda: bytes(A()))
class A: pass
t(lambda: bytes(A()))
class B(bytes):
    def __index__(self): raise TypeError
t(lambda: bytes(B(b'foobar'))); t(lambda: bytearray(B(b'foobar')))
class I:
    def __index__(self): raise ValueError('v')
t(lambda: bytes(I()))
t(lambda: bytes('abc', errors='strict')); t(lambda: bytes(1, errors='strict')); t(lambda: bytes(1, 'utf-8'))
t(lambda: bytes('abc')); t(lambda: bytes(-1)); t(lambda: bytes(b'ab', 'ascii'))
t(lambda: b'x'.__getnewargs__(1))
b = bytearray(b'abcdefgh')
def f(): b[1:-1:2] = b''; return b
t(f)
def f(): b[::3] = []; return b
t(f)
def f(): b[::2] = b'x'; return b
t(f)
b = bytearray(b'abcdefgh'); m = memoryview(b)
def f(): b[1:-1:2] = b''; return b
t(f)
def f(): del b[1:-1:2]; return b
t(f)
m.release()
class B(bytes):
    def __index__(self): raise TypeError
t(lambda: bytearray(B(b'foobar')))
class I:
    def __index__(self): raise TypeError('q')
t(lambda: bytearray(I()))
for t2 in (bytes, bytearray):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        for b in b"", b"a", b"abc", b"\xffab\x80":
            it = iter(t2(b)); d = pickle.dumps(it, proto); it2 = pickle.loads(d)
            print(type(it2).__name__, list(it2), end=' ')
            it = iter(t2(b))
            if b:
                next(it); print(list(pickle.loads(pickle.dumps(it, proto))), end=' ')
            list(it); print(list(pickle.loads(pickle.dumps(it, proto))))
it = iter(b'abc'); print(it.__reduce__()); next(it); print(it.__reduce__(), it.__length_hint__()); list(it); print(it.__reduce__())
it = iter(b'abc'); it.__setstate__(-5); print(list(it)); it = iter(b'abc'); it.__setstate__(99); print(list(it))
it = iter(bytearray(b'abc')); print(it.__reduce__()); list(it); print(it.__reduce__())
it = iter(b'abc'); it.__setstate__(1); print(list(it))
try: it.__setstate__('x')
except Exception as e: print(type(e).__name__, e)
tb = b'\xb9\x01\xef'
for a in [('',), ('xx',), (None,0), ('\xff',), (b'\xff',), (b'\x80',), (chr(0x100),), (b'\x00',), ('\x00',)]:
    t(lambda: tb.hex(*a))
    t(lambda: bytearray(tb).hex(*a))
    t(lambda: memoryview(tb).hex(*a))
