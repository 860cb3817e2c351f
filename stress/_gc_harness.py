# Not a stress program (run_stress.py skips names starting with "_"): the
# set-up the gc_*_threads programs share.  Their workers make cycles and
# drop them while a collector thread runs gc.collect() in a loop; each
# dropped cycle carries a weakref whose callback must run exactly once.
import gc
import threading
import weakref


class CycleTracker:
    """Counts the cycles the workers make and the callbacks of their
    weakrefs; the weakrefs outlive the workers (one list per worker)."""

    def __init__(self, workers, lock):
        self.lock = lock
        self.died = []
        self.created = [0] * workers
        self.refs = [[] for _ in range(workers)]

    def _on_death(self, _):
        with self.lock:
            self.died.append(1)

    def track(self, k, obj):
        self.refs[k].append(weakref.ref(obj, self._on_death))
        self.created[k] += 1

    def prune(self, k):
        refs = self.refs[k]
        refs[:] = [r for r in refs if r() is not None]

    def check(self):
        """None when every tracked cycle's callback ran once, else why not."""
        total = sum(self.created)
        if len(self.died) != total:
            return "callbacks ran %d times for %d cycles" % (len(self.died), total)
        return None


def run_with_collector(worker, workers):
    """Runs worker(k) for k in range(workers) in threads while another
    thread calls gc.collect() until they are done; then collects twice."""
    stop = threading.Event()

    def collector():
        while not stop.is_set():
            gc.collect()

    col = threading.Thread(target=collector)
    col.start()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(workers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    stop.set()
    col.join()
    gc.collect()
    gc.collect()
