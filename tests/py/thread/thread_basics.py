import threading

results = []
lock = threading.Lock()


def work(n, out):
    total = sum(i * i for i in range(n))
    with lock:
        out.append((n, total))


ts = [threading.Thread(target=work, args=(n, results), name="w%d" % n) for n in (10, 20, 30)]
print([t.name for t in ts])
print([t.is_alive() for t in ts])
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results))
print([t.is_alive() for t in ts])
print(threading.current_thread().name, threading.current_thread() is threading.main_thread())
print(threading.active_count())
print(type(threading.get_ident()).__name__, ts[0].ident is not None, ts[0].native_id is not None)


class Sub(threading.Thread):
    def __init__(self, k):
        super().__init__()
        self.k = k
        self.out = None

    def run(self):
        self.out = self.k * 2


s = Sub(21)
s.start()
s.join()
print(s.out, s.daemon)
try:
    s.start()
except RuntimeError as e:
    print("RuntimeError", e)
t = threading.Thread(target=lambda: None)
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError", e)
d = threading.Thread(target=lambda: None, daemon=True)
print(d.daemon)
d.start()
d.join(timeout=5)
print(d.is_alive())
