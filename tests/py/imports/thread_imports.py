# Threads importing modules at the same time (per-module import locks):
# threads that import the same module get one module object, executed once,
# and only once it is complete; two threads importing each other's modules
# circularly do not deadlock (one of them sees the other's module partially
# initialized, as in CPython).  Output is printed only after the joins.
import threading

import thrimp_counter

results = {}
errors = []
N = 8
barrier = threading.Barrier(N)


def slow_importer(i):
    barrier.wait()
    try:
        import thrimp_slow

        results[i] = (thrimp_slow, thrimp_slow.DONE)
    except Exception as e:  # pragma: no cover - reported below
        errors.append(repr(e))


threads = [threading.Thread(target=slow_importer, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
mods = {id(m) for m, _ in results.values()}
print("same module:", len(results), "imports,", len(mods), "object")
print("executed:", thrimp_counter.runs.count("slow"), "time(s)")
print("complete when seen:", all(done for _, done in results.values()), errors)

# Circular imports racing across threads.
pair = threading.Barrier(2)
got = {}


def circ(name):
    pair.wait()
    try:
        got[name] = __import__(name)
    except Exception as e:  # pragma: no cover
        errors.append(repr(e))


t1 = threading.Thread(target=circ, args=("thrimp_ca",))
t2 = threading.Thread(target=circ, args=("thrimp_cb",))
t1.start()
t2.start()
t1.join()
t2.join()
import thrimp_ca
import thrimp_cb

print("circular:", sorted(got), thrimp_ca.A, thrimp_cb.B)
print("linked:", thrimp_ca.thrimp_cb is thrimp_cb, thrimp_cb.thrimp_ca is thrimp_ca)
print("executed:", thrimp_counter.runs.count("ca"), thrimp_counter.runs.count("cb"), errors)

# Many threads importing many modules at once: each module runs once.
names = ["thrimp_m%d" % k for k in range(4)]
start = threading.Barrier(6)


def many(i):
    start.wait()
    for k in range(4):
        __import__(names[(i + k) % 4])


ts = [threading.Thread(target=many, args=(i,)) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("many:", [thrimp_counter.runs.count(n) for n in names])
