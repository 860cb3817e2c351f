# Threads share closure variables (cells): one thread keeps rebinding them to
# new strings and tuples while others read them without a lock.  Every read
# must be a value that was bound at some point, never freed memory; the
# nonlocal counter updated under a lock must come out exact.
import threading


def main():
    text = "start"
    pair = ("a", 0)
    total = 0
    lock = threading.Lock()
    stop = threading.Event()
    bad = []

    def writer():
        nonlocal text, pair
        for i in range(30000):
            text = "t%d" % i
            pair = ("p%d" % i, i)
        stop.set()

    def reader():
        nonlocal total
        n = 0
        while not stop.is_set():
            t = text
            p = pair
            if not (t.startswith("t") or t == "start"):
                bad.append(t)
            if not (isinstance(p, tuple) and len(p) == 2 and p[0][0] in "ap"):
                bad.append(p)
            n += 1
        with lock:
            total += n

    ts = [threading.Thread(target=reader) for _ in range(2)]
    ts.append(threading.Thread(target=writer))
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not bad, bad[:3]
    assert total > 0
    assert text == "t29999" and pair == ("p29999", 29999)


main()
print("ok closure_cell_swap")
