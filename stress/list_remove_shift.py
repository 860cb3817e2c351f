# list.remove(x) while another thread shifts the list right (insert(0)):
# remove() must delete an item equal to x, never a neighbour that slid into
# the slot while __eq__ ran.  Invariant: after each round the list holds
# exactly the keys that were not removed, in order, besides the fillers.
# (Only right shifts and one remover: a left shift while __eq__ runs may
# make remove() skip x, in CPython too.)
import threading


class K:
    __slots__ = ("k",)

    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, K) and self.k == other.k

    __hash__ = None


N = 120
ROUNDS = 100
INSERTS = 400
errors = []

for rnd in range(ROUNDS):
    lst = [K(k) for k in range(N)]
    stop = threading.Event()
    start = threading.Barrier(2)

    def shifter():
        start.wait()
        filler = K(-1)
        for _ in range(INSERTS):
            if stop.is_set():
                break
            lst.insert(0, filler)

    def remover():
        start.wait()
        for k in range(0, N, 2):
            try:
                lst.remove(K(k))
            except ValueError:
                errors.append(("missing", k))

    sh = threading.Thread(target=shifter)
    rs = [threading.Thread(target=remover)]
    for t in [sh] + rs:
        t.start()
    for t in rs:
        t.join()
    stop.set()
    sh.join()
    keys = [x.k for x in lst if x.k != -1]
    if keys != [k for k in range(N) if k % 2]:
        errors.append(("final", rnd))
    if errors:
        break
assert not errors, errors[:5]
print("ok list_remove_shift")
