# Threads import the same fresh source modules at once, some through the
# import statement (core/import.c's fast path), some through
# importlib.import_module (CPython's importlib._bootstrap, whose
# _find_and_load is the C import), some through importlib.util.find_spec +
# module_from_spec (CPython's PathFinder/FileFinder, which fill
# sys.path_importer_cache that the fast path then has to accept), while one
# thread keeps calling importlib.invalidate_caches().  Invariants: each
# module's body runs exactly once per name in sys.modules, every importer of
# a name gets the same module, specs are CPython's, nothing crashes.
import importlib
import importlib.machinery
import importlib.util
import os
import shutil
import sys
import tempfile
import threading

N_THREADS = 8
N_MODULES = 40
ROUNDS = 3

root = tempfile.mkdtemp(prefix="pvm-stress-importlib-")
runs = []  # appended by each module body (list.append is atomic)
sys.path.insert(0, root)
errors = []


def write_modules(rnd):
    for i in range(N_MODULES):
        name = "sil_%d_%d" % (rnd, i)
        with open(os.path.join(root, name + ".py"), "w") as f:
            f.write("import sys\nsys.modules['__main__'].runs.append(__name__)\n"
                    "total = sum(range(500))\n")
        pkg = os.path.join(root, "silpkg_%d_%d" % (rnd, i))
        os.mkdir(pkg)
        with open(os.path.join(pkg, "__init__.py"), "w") as f:
            f.write("from . import sub\n")
        with open(os.path.join(pkg, "sub.py"), "w") as f:
            f.write("import sys\nsys.modules['__main__'].runs.append(__name__)\n")
    importlib.invalidate_caches()


def worker(rnd, k, results, barrier):
    try:
        barrier.wait()
        for j in range(N_MODULES):
            i = (j * (k + 1)) % N_MODULES
            name = "sil_%d_%d" % (rnd, i)
            how = (i + k) % 3
            if how == 0:
                m = __import__(name)
            elif how == 1:
                m = importlib.import_module(name)
            else:
                spec = importlib.util.find_spec(name)
                m = sys.modules.get(name)
                if m is None:
                    m = importlib.import_module(name)
                if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
                    errors.append("bad spec %r" % (spec,))
            results.append((name, m))
            p = importlib.import_module("silpkg_%d_%d.sub" % (rnd, i))
            results.append((p.__name__, p))
    except BaseException as e:
        errors.append("%s: %s" % (type(e).__name__, e))


def churn(stop):
    while not stop.is_set():
        importlib.invalidate_caches()


for rnd in range(ROUNDS):
    write_modules(rnd)
    results = []
    barrier = threading.Barrier(N_THREADS)
    stop = threading.Event()
    c = threading.Thread(target=churn, args=(stop,))
    c.start()
    threads = [threading.Thread(target=worker, args=(rnd, k, results, barrier))
               for k in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    c.join()
    seen = {}
    for name, m in results:
        if seen.setdefault(name, m) is not m:
            errors.append("two modules for %s" % name)
        if sys.modules.get(name) is not m:
            errors.append("%s not the module in sys.modules" % name)
        if type(m.__spec__) is not importlib.machinery.ModuleSpec:
            errors.append("%s has spec %r" % (name, m.__spec__))
    names = [n for n in runs if n.startswith(("sil_%d_" % rnd, "silpkg_%d_" % rnd))]
    if len(names) != len(set(names)) or len(set(names)) != 2 * N_MODULES:
        errors.append("round %d: %d module runs, %d distinct" % (rnd, len(names), len(set(names))))

shutil.rmtree(root, ignore_errors=True)
if errors:
    print("\n".join(sorted(set(errors))[:20]))
    sys.exit(1)
print("ok importlib_threads")
