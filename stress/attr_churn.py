# Threads set, read and delete attributes on shared instances.
import threading


class Box:
    pass


boxes = [Box() for _ in range(16)]
N = 6
errors = []


def work(k):
    for rnd in range(2000):
        b = boxes[rnd % len(boxes)]
        name = "a%d" % (rnd % 5)
        setattr(b, name, (k, rnd))
        v = getattr(b, name, None)
        if v is not None and (not isinstance(v, tuple) or len(v) != 2):
            errors.append(v)
        if rnd % 3 == 0:
            try:
                delattr(b, name)
            except AttributeError:
                pass
        b.fixed = k


ts = [threading.Thread(target=work, args=(k,)) for k in range(N)]
for t in ts: t.start()
for t in ts: t.join()
assert not errors, errors[:3]
assert all(0 <= b.fixed < N for b in boxes)
print("ok attr_churn")
