# Readers load attributes of a shared instance without a lock while another
# thread keeps replacing the instance's whole __dict__: every read must be a
# value some dict held (an int for a, a str for s), never freed memory.
import threading
class C: pass
o = C()
o.a = 1
stop = threading.Event()
bad = []
def swapper():
    for i in range(20000):
        o.__dict__ = {"a": i, "s": "x" * (i % 7)}
    stop.set()
def reader():
    while not stop.is_set():
        v = o.a
        if not isinstance(v, int): bad.append(v)
        s = getattr(o, "s", "")
        if not isinstance(s, str): bad.append(s)
ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=swapper)]
for t in ts: t.start()
for t in ts: t.join()
assert not bad
print("ok instance_dict_swap")
