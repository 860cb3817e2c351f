# memoryview conformance: assignment from other exporters (array.array) and
# overlapping views, index checked before the value, weak references, and
# __index__ that releases the view while it is being indexed.
import array, sys, weakref

def t(f):
    try:
        r = f()
        print(type(r).__name__, r.tolist() if isinstance(r, memoryview) else repr(r))
    except Exception as e:
        print(type(e).__name__, e)

a = array.array('i', range(10))
m = memoryview(a)
new_a = array.array('i', range(9, -1, -1))
m[:] = new_a
print(a)
m[0:1] = array.array('i', [77])
print(a[:3])
def f(): m[0:2] = array.array('h', [1, 2])
t(f)
def f(): m[0:2] = array.array('i', [1, 2, 3])
t(f)
def f(): m[0:2] = b'abcdefgh'
t(f)
b = bytearray(b'abcdef')
m = memoryview(b)
m[0:3] = m[2:5]
print(b)
m[:] = b'abcdef'
m[2:5] = m[0:3]
print(b)
def setitem(key, value):
    m[key] = value
for key, value in [(6, b'a'), (-7, b'a'), (sys.maxsize, b'a'), (-sys.maxsize, b'a'), (0.0, b'a'),
                   ((0,), b'a'), ('a', b'a'), (0, b''), (0, b'ab'), (slice(1, 1), b'a'),
                   (slice(0, 2), b'a'), (6, 300), (0, 300), (0, 'x'), (slice(0, 1), 5)]:
    t(lambda: setitem(key, value))
print(b)

class C: pass
wr = weakref.ref(memoryview(b'abc'))
m = memoryview(b'xyz')
wr = weakref.ref(m)
print(wr() is m)
with memoryview(b'abc') as m2:
    wr2 = weakref.ref(m2, lambda r: None)
    print(wr2() is m2)

size = 16
def release():
    m.release()
class MyIndex:
    def __index__(self):
        release()
        return 4
class MyFloat:
    def __float__(self):
        release()
        return 4.25
class MyBool:
    def __bool__(self):
        release()
        return True
def fresh(*cast):
    global m
    m = memoryview(bytearray(b'\xff' * size))
    if cast:
        m = m.cast(*cast)
    return m
fresh(); t(lambda: m[MyIndex()])
fresh(); t(lambda: m[:MyIndex()])
fresh(); t(lambda: m[MyIndex():8])
fresh('B', (8, 2)); t(lambda: m[MyIndex(), 0])
fresh('B', (2, 8)); t(lambda: m[0, MyIndex()])
fresh(); t(lambda: setitem(MyIndex(), 42))
fresh(); t(lambda: setitem(slice(None, MyIndex()), b'spam'))
fresh(); t(lambda: setitem(slice(MyIndex(), 8), b'spam'))
fresh('B', (8, 2)); t(lambda: setitem((MyIndex(), 0), 42))
fresh(); t(lambda: setitem(0, MyIndex()))
for fmt in 'bhilqnBHILQN':
    fresh(fmt); t(lambda: setitem(0, MyIndex()))
for fmt in 'fd':
    fresh(fmt); t(lambda: setitem(0, MyFloat()))
fresh('?'); t(lambda: setitem(0, MyBool()))
