# Threads import the same modules at once through a user meta path finder
# (the Python protocol path of core/import.c) while others import through
# the C fast path... and while one thread keeps adding and removing a
# finder and a path hook.  Invariants: every module's exec_module runs
# exactly once, every thread gets the same module object, each module has
# its spec, and nothing crashes.
import sys
import threading

ModuleSpec = type(sys.__spec__)
N_THREADS = 8
N_MODULES = 60
ROUNDS = 4

exec_counts = {}
count_lock = threading.Lock()


class Loader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        with count_lock:
            exec_counts[module.__name__] = exec_counts.get(module.__name__, 0) + 1
        total = 0
        for i in range(2000):  # long enough for other threads to pile up
            total += i
        module.total = total


class Finder:
    def find_spec(self, name, path, target=None):
        if name.startswith("sp_virtual_"):
            return ModuleSpec(name, Loader(), origin="stress")
        return None


class Noise:
    def find_spec(self, name, path, target=None):
        return None


def noise_hook(entry):
    raise ImportError("not mine")


sys.meta_path.insert(0, Finder())
stop = False
errors = []


def churn():
    noise = Noise()
    while not stop:
        sys.meta_path.append(noise)
        sys.path_hooks.insert(0, noise_hook)
        try:
            sys.meta_path.remove(noise)
        except ValueError:
            pass
        try:
            sys.path_hooks.remove(noise_hook)
        except ValueError:
            pass


def worker(tid, results):
    try:
        for r in range(ROUNDS):
            for i in range(N_MODULES):
                k = (i + tid * 7) % N_MODULES
                name = "sp_virtual_%d_%d" % (r, k)
                m = __import__(name)
                results.append((name, m))
                if m.__spec__.name != name or m.total != 1999000:
                    errors.append("bad module " + name)
            import sys as s2, threading as t2  # already loaded: the C fast path
    except Exception as e:
        errors.append("%s: %s" % (type(e).__name__, e))


churner = threading.Thread(target=churn)
churner.start()
results = [[] for _ in range(N_THREADS)]
threads = [threading.Thread(target=worker, args=(t, results[t])) for t in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
stop = True
churner.join()

assert not errors, errors[:5]
assert len(exec_counts) == N_MODULES * ROUNDS, len(exec_counts)
bad = {k: v for k, v in exec_counts.items() if v != 1}
assert not bad, bad
for res in results:
    assert len(res) == N_MODULES * ROUNDS
    for name, m in res:
        assert sys.modules[name] is m, name
print("ok import_protocol")
