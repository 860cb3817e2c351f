# One thread iterates a list and a dict while others mutate them: no
# crash; lists never raise, dicts raise only the documented RuntimeError.
import threading

lst = list(range(1000))
d = {i: i for i in range(1000)}
stop = threading.Event()
seen_errors = set()


def mutator():
    i = 0
    while not stop.is_set():
        lst.append(i)
        if len(lst) > 1500:
            del lst[:400]
        d[i % 3000] = i
        if i % 2 == 0:
            d.pop((i * 7) % 3000, None)
        i += 1


def iterator():
    for _ in range(200):
        total = 0
        for x in lst:
            total += x
        try:
            for k in d:
                pass
        except RuntimeError as e:
            seen_errors.add(str(e))


ms = [threading.Thread(target=mutator) for _ in range(2)]
its = [threading.Thread(target=iterator) for _ in range(2)]
for t in ms + its: t.start()
for t in its: t.join()
stop.set()
for t in ms: t.join()
assert seen_errors <= {"dictionary changed size during iteration",
                       "dictionary keys changed during iteration"}, seen_errors
print("ok list_iter_mutate")
