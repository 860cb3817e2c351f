from concurrent.futures import ThreadPoolExecutor, as_completed
class Acc:
    def __init__(self):
        self.items = {}
def work(a, i):
    a.items[i] = i * i
    a.last = i
    return a
accs = [Acc() for _ in range(20)]
with ThreadPoolExecutor(max_workers=4) as ex:
    futs = [ex.submit(work, accs[i], i) for i in range(20)]
    s = 0
    for f in as_completed(futs):
        a = f.result()
        s += a.last + sum(a.items.values())
    r = list(ex.map(lambda x: x + 1, range(10)))
print(s, r)
