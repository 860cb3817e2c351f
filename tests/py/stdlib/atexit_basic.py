import atexit, sys
class C:
    def __init__(self, n): self.n = n
    def __repr__(self): return "C(%d)" % self.n
    def __call__(self, *a, **k):
        print("call", self.n, a, sorted(k.items()))
        if self.n == 2: raise ValueError("boom")
        if self.n == 5: sys.exit(3)
    def __eq__(self, o): return isinstance(o, C) and o.n == self.n
    __hash__ = None
print(atexit.register(C(1), 1, 2, x=3))
atexit.register(C(2))
atexit.register(C(3))
atexit.register(C(5))
atexit.register(C(3))
print(atexit._ncallbacks())
atexit.unregister(C(3))
print(atexit._ncallbacks())
try: atexit.register(5)
except Exception as e: print(type(e).__name__, e)
try: atexit.register()
except Exception as e: print(type(e).__name__, e)
try: atexit.unregister()
except Exception as e: print(type(e).__name__, e)
try: atexit.unregister(1, 2)
except Exception as e: print(type(e).__name__, e)
print(atexit.unregister(print))
atexit._run_exitfuncs()
print(atexit._ncallbacks())
atexit.register(C(7))
atexit._clear()
print(atexit._ncallbacks())
atexit.register(C(8), "last")
atexit.register(C(9), "first")
print("end")
