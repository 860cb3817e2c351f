# A reference cycle through a memoryview (a bytes/bytearray subclass instance
# whose __dict__ holds a view of itself) is collected by gc.collect().
import gc, weakref
for tp in (bytes, bytearray):
    class MySource(tp): pass
    class MyObject: pass
    b = MySource(tp(b'abc'))
    m = memoryview(b)
    o = MyObject()
    b.m = m
    b.o = o
    wr = weakref.ref(o)
    b = m = o = None
    gc.collect()
    print(tp.__name__, "1", wr() is None)
    class MyView():
        def __init__(self, base):
            self.m = memoryview(base)
    m = MyView(tp(b'abc'))
    o = MyObject()
    m.x = m
    m.o = o
    wr = weakref.ref(o)
    m = o = None
    gc.collect()
    print(tp.__name__, "2", wr() is None)
def f():
    b = MySource(b'abc')
    m = memoryview(b)[1:]
    o = MyObject()
    b.m = m; b.o = o
    wr = weakref.ref(o)
    b = m = o = None
    gc.collect()
    print("in func", wr() is None)
f()
