# Instances of native types that CPython makes weakly referenceable
# (array, deque, locks, compiled patterns, io objects) accept weakrefs here
# too, and the weakref dies with the object.
import array
import collections
import io
import re
import threading
import weakref

def make_ref(make):
    obj = make()
    r = weakref.ref(obj)
    return r, r() is obj

def check(name, make):
    r, alive = make_ref(make)
    print(name, alive, r() is None)

check("array", lambda: array.array("i", [1, 2]))
check("deque", lambda: collections.deque([1]))
check("lock", threading.Lock)
check("rlock", threading.RLock)
check("pattern", lambda: re.compile("a+b"))
check("bytesio", io.BytesIO)
check("stringio", io.StringIO)
check("textio", lambda: io.TextIOWrapper(io.BytesIO()))
check("buffered", lambda: io.BufferedReader(io.BytesIO(b"x")))

class Sub(array.array):
    pass
check("array subclass", lambda: Sub("b"))
p = weakref.proxy(array.array("b", b"xy"))
try:
    len(p)
except ReferenceError as e:
    print(type(e).__name__, e)
for bad in (1, "s", (1,), [1], {}):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print(type(e).__name__, e)
