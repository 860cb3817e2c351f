# The import statement calls builtins.__import__ when it has been replaced
# (name, globals, locals or None, fromlist or None, level); a missing one is
# ImportError "__import__ not found"; exec's own __builtins__ dict counts.
import builtins
old = builtins.__import__
calls = []
def hook(name, globals=None, locals=None, fromlist=(), level=0):
    calls.append((name, type(globals).__name__, locals is None or type(locals).__name__, fromlist, level))
    return old(name, globals, locals, fromlist, level)
builtins.__import__ = hook
try:
    import sys
    from sys import argv
    import sys as s2
    def f():
        import sys
        from sys import path as p
        return sys, p
    f()
    class C:
        import sys
finally:
    builtins.__import__ = old
for c in calls:
    print(c)
import sys
print(len(calls))
def fake(name, *args):
    return "fake-" + name
builtins.__import__ = fake
try:
    import anything
    print(anything)
    import a.b.c
    print(a)
finally:
    builtins.__import__ = old
def fails(*args):
    raise ImportError("blocked " + args[0])
builtins.__import__ = fails
try:
    import sys
except ImportError as e:
    print(type(e).__name__, e)
finally:
    builtins.__import__ = old
del builtins.__import__
try:
    import sys
except ImportError as e:
    print(type(e).__name__, e)
finally:
    builtins.__import__ = old
import sys
print(sys.__name__, builtins.__import__ is old)
g = {"__builtins__": {"__import__": lambda *a: "from-dict-" + a[0]}}
exec("import zz\nr = zz", g)
print(g["r"])
