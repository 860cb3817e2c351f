# Threads allocate and free (bytes, lists, dicts, objects of a class, shared
# containers) while a controller thread starts and stops tracemalloc, takes
# snapshots, clears traces and reads get_traced_memory / object tracebacks
# in a loop.  Invariants: no crash or hang; peak >= current while tracing;
# (0, 0) once stopped; every traceback names a real line of a file; a
# snapshot's traces have positive sizes; workers compute the right results.
import sys
import threading
import tracemalloc

N = 4
ROUNDS = 200
stop = False
errors = []
shared = []
lock = threading.Lock()


class Node:
    def __init__(self, v):
        self.v = v
        self.data = bytes(64)


def worker(k):
    n = 0
    while not stop:
        objs = [Node(i) for i in range(50)]
        d = {i: str(i) * 3 for i in range(30)}
        blob = b"x" * (1000 + k)
        with lock:
            shared.append(blob)
            if len(shared) > 40:
                del shared[:20]
        if sum(o.v for o in objs) != 1225 or len(d) != 30:
            errors.append("worker %d: wrong result" % k)
        tb = tracemalloc.get_object_traceback(objs[0])
        if tb is not None:
            fr = tb[0]
            if not isinstance(fr.filename, str) or fr.lineno < 0:
                errors.append("bad frame %r" % (fr,))
        n += 1
    return n


def check_snapshot(snap):
    for tr in snap.traces._traces:
        domain, size, frames, total = tr
        if size <= 0 or not frames:
            errors.append("bad trace %r" % (tr,))
            return
        for fname, lineno in frames:
            if not isinstance(fname, str) or lineno < 0:
                errors.append("bad frame %r" % ((fname, lineno),))
                return


def controller():
    global stop
    try:
        for r in range(ROUNDS):
            tracemalloc.start(1 + r % 5)
            for i in range(20):
                tracemalloc.get_traced_memory()
                x = [bytes(100) for j in range(20)]
            cur, peak = tracemalloc.get_traced_memory()
            if peak < cur:
                errors.append("peak %d < current %d" % (peak, cur))
            if r % 2 == 0:
                check_snapshot(tracemalloc.take_snapshot())
            if r % 3 == 0:
                tracemalloc.clear_traces()
            if r % 4 == 0:
                tracemalloc.reset_peak()
            cur, peak = tracemalloc.get_traced_memory()
            if peak < cur:
                errors.append("peak %d < current %d after reset" % (peak, cur))
            tracemalloc.stop()
            if tracemalloc.get_traced_memory() != (0, 0) or tracemalloc.is_tracing():
                errors.append("not cleared by stop()")
            if tracemalloc._get_traces() != []:
                errors.append("traces after stop()")
    finally:
        stop = True


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
ctl = threading.Thread(target=controller)
ctl.start()
ctl.join()
for t in threads:
    t.join()
if errors:
    print(errors[:5])
    sys.exit(1)
print("ok tracemalloc_threads")
