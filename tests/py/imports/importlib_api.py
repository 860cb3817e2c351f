# importlib.import_module (absolute, relative, errors), importlib.reload
# (re-executes the edited source in the same module object).
import importlib
import os
import sys

root = "/tmp/pvm_importlib_%d" % os.getpid()
os.makedirs(os.path.join(root, "pkg", "sub"))
os.makedirs(os.path.join(root, "ns", "inner"))


def write(rel, text):
    with open(os.path.join(root, rel), "w") as f:
        f.write(text)


write("ilmod.py", "X = 1\ncount = globals().get('count', 0) + 1\n")
write("pkg/__init__.py", "from .sub import helper\n")
write("pkg/sub/__init__.py", "def helper():\n    return 'helped'\n")
write("ns/inner/m.py", "V = 5\n")
sys.path.insert(0, root)
try:
    m = importlib.import_module("ilmod")
    print(m.X, m.count, m is sys.modules["ilmod"])
    write("ilmod.py", "X = 2\nY = X + 1\ncount = globals().get('count', 0) + 1\n")
    m2 = importlib.reload(m)
    print(m2.X, m2.Y, m2.count, m2 is m)
    nm = importlib.import_module(".inner.m", "ns")
    print(nm.V, nm.__name__)
    print(importlib.import_module("..sub", "pkg.sub").__name__)
    print(importlib.import_module("pkg").helper())
    for bad in [
        lambda: importlib.import_module(".x"),
        lambda: importlib.import_module("...x", "a.b"),
        lambda: importlib.reload(3),
        lambda: importlib.import_module("il_not_there"),
        lambda: importlib.import_module("pkg.nothing"),
    ]:
        try:
            bad()
        except Exception as e:
            print(type(e).__name__, e)
    importlib.invalidate_caches()
finally:
    for rel in ["ilmod.py", "pkg/__init__.py", "pkg/sub/__init__.py", "ns/inner/m.py"]:
        os.remove(os.path.join(root, rel))
    for d, _, files in sorted(os.walk(root), key=lambda t: -len(t[0])):
        for name in files:
            os.remove(os.path.join(d, name))
        os.rmdir(d)
