# Threads use a class's name (C.__name__, C.__qualname__, repr, error
# messages built from the C name) while another keeps renaming it: every
# read must give one of the names that were set, whole.
import threading


class C:
    pass


N = 4000
stop = threading.Event()
bad = []


def ok_name(s):
    return s == "C" or (s.startswith("n") and s[1:].isdigit() and int(s[1:]) < N)


def writer():
    for i in range(N):
        C.__name__ = "n%d" % i
        C.__qualname__ = "n%d" % i
    stop.set()


def reader():
    o = C()
    while not stop.is_set():
        if not ok_name(C.__name__) or not ok_name(C.__qualname__):
            bad.append("name")
        r = repr(C)
        if not (r.startswith("<class '__main__.") and ok_name(r[17:-2])):
            bad.append(r)
        try:
            o()
        except TypeError as e:
            m = str(e)
            if not (m.endswith("' object is not callable") and ok_name(m[1:-24])):
                bad.append(m)


ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=writer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:3]
assert C.__name__ == "n%d" % (N - 1)
print("ok class_rename")
