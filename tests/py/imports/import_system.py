# The import system: packages, submodules, relative imports, from-imports,
# import *, circular imports, failures, __import__.
import sys

print(sys.path[0].endswith("imports"), "sys" in sys.modules)
import imppkg

print(imppkg.VALUE, imppkg.log, imppkg.helper())
print(sorted(k for k in dir(imppkg) if not k.startswith("__")))
import imppkg.inner.deep

print(imppkg.inner.deep.LEVEL2, imppkg.inner.X, imppkg.inner.deep.INNER_X)
import imppkg.inner.deep as d

print(d is imppkg.inner.deep, d.__name__, d.__package__, imppkg.inner.__package__)
from imppkg import sub_b, sub_a as sa

print(sub_b.B, sa.A, sa.B)
from imppkg.sub_a import helper as h

print(h())
print("imppkg.sub_b" in sys.modules, type(sys.modules["imppkg"]).__name__)
print(imppkg.__file__.endswith("imppkg/__init__.py"), imppkg.__path__[0].endswith("imppkg"))
print(sa.__file__.endswith("sub_a.py"), sa.__package__, imppkg.__package__, imppkg.__spec__ is None or True)
try:
    import no_such_module_xyz
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    import imppkg.nope
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    from imppkg import nope
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
try:
    import impmod_star.sub
except ModuleNotFoundError as e:
    print(e)
try:
    import impmod_err
except ValueError as e:
    print("err:", e, "impmod_err" in sys.modules)
try:
    import impmod_err
except ValueError as e:
    print("again:", e)
from impmod_star import *

print(pub, _priv_listed)
try:
    other
except NameError as e:
    print(e)
from impmod_nostar import *

print(a, c)
try:
    _b
except NameError as e:
    print(e)
import impmod_circ_a

print(impmod_circ_a.get(), impmod_circ_a.impmod_circ_b.SEEN_X_EARLY, impmod_circ_a.impmod_circ_b.late())
m = __import__("imppkg.sub_b")
print(m.__name__)
m = __import__("imppkg.sub_b", fromlist=["B"])
print(m.__name__)
print(__import__("sys") is sys)
try:
    d.too_far()
except ImportError as e:
    print(e)


def rel():
    from . import foo


try:
    rel()
except ImportError as e:
    print(e)
try:
    __import__("")
except ValueError as e:
    print(e)
import imppkg.sub_a, imppkg.sub_b as sb

print(sb.B)
