# Subclasses of _weakref.ref as weakref.py writes them: KeyedRef (__slots__),
# WeakMethod (__slots__ with __weakref__: a weakly referenceable weakref).
from _weakref import ref
class KeyedRef(ref):
    __slots__ = "key",
    def __new__(type, ob, callback, key):
        self = ref.__new__(type, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)

class WeakMethod(ref):
    __slots__ = "_func_ref", "_meth_type", "_alive", "__weakref__"
    def __new__(cls, meth, callback=None):
        obj = meth.__self__
        func = meth.__func__
        def _cb(arg):
            self = self_wr()
            if self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)
        self = ref.__new__(cls, obj, _cb)
        self._func_ref = ref(func, _cb)
        self._meth_type = type(meth)
        self._alive = True
        self_wr = ref(self)
        return self
    def __call__(self):
        obj = super().__call__()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)

class C:
    def m(self): return "m"
log = []
c = C()
k = KeyedRef(c, lambda w: log.append(("keyed", w.key)), "K")
wm = WeakMethod(c.m, lambda w: log.append("wm"))
print(k.key, k() is c, wm()(), ref(wm)() is wm)
del c
print(log, k(), wm())
d = {}
class Obj: pass
objs = [Obj() for i in range(5)]
for i, o in enumerate(objs):
    d[i] = KeyedRef(o, lambda w: d.pop(w.key), i)
del objs[::2]
print(sorted(d))
