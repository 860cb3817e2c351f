# Spare references (gc/spare.h): threads copy, sort and drop the small
# strs, floats, ints and bytes of lists another thread owns, so their drops
# become spares that their next copies reuse, while the owner keeps
# replacing the lists and dropping its own references.  Every value read
# must be intact (a count lost would free a str still in use, a count made
# up would only leak, which the exit checks of the sanitizer builds catch),
# and big strs (over the spare size limit) take the ordinary path beside.
import threading

N = 4
ROUNDS = 600
errors = []
lock = threading.Lock()
shared = {}


def make(gen):
    words = ["w%d-%d" % (i * 31 % 997, gen % 3) for i in range(400)]
    return {
        "words": words,
        "floats": [i * 0.25 + gen for i in range(300)],
        "ints": [10 ** 20 + i * gen for i in range(200)],
        "bytes": [b"b%d" % (i % 50) for i in range(100)],
        "big": ["x" * 400 + str(i % 7) for i in range(20)],
        "gen": gen,
    }


def owner():
    for gen in range(1, ROUNDS):
        d = make(gen)
        with lock:
            shared["d"] = d  # the old lists die here, on the owner
        del d


def reader(k):
    for r in range(ROUNDS * 2):
        with lock:
            d = shared["d"]
        gen = d["gen"]
        words = sorted(d["words"])
        if len(words) != 400 or not all(w.startswith("w") for w in words[::37]):
            errors.append("words %r" % words[:3])
        s = sum(d["floats"])
        if s != sum(i * 0.25 + gen for i in range(300)):
            errors.append("floats sum %r at gen %d" % (s, gen))
        ints = list(d["ints"])
        if ints[-1] != 10 ** 20 + 199 * gen:
            errors.append("ints %r" % ints[-1])
        joined = b"".join(d["bytes"])
        if not joined.startswith(b"b0b1b2"):
            errors.append("bytes %r" % joined[:10])
        big = [x for x in d["big"]]
        if any(len(x) != 401 for x in big):
            errors.append("big strs")
        table = {w: i for i, w in enumerate(words)}
        if len(table) > 400:
            errors.append("table")
        del words, ints, joined, big, table, d


shared["d"] = make(0)
threads = [threading.Thread(target=owner)]
threads += [threading.Thread(target=reader, args=(k,)) for k in range(N)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print("\n".join(errors[:10]) if errors else "ok spare_refs_threads")
