# Threads call a function while another keeps replacing its __defaults__:
# each call must see a default that was set at some point, never freed memory.
import threading
def f(a, b="x"):
    return b
stop = threading.Event()
bad = []
def writer():
    for i in range(20000):
        f.__defaults__ = ("d%d" % i,)
    stop.set()
def reader():
    while not stop.is_set():
        r = f(1)
        if not (r == "x" or r.startswith("d")): bad.append(r)
ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=writer)]
for t in ts: t.start()
for t in ts: t.join()
assert not bad
print("ok func_defaults_swap")
