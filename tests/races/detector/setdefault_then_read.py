# dict.setdefault is atomic, but reading the key before it is a separate
# operation: the check (`in`) and the store race.
import threading

seen = {}
first = []


def visit(k):
    for i in range(50):
        if i not in seen:  # RACE
            first.append((k, i))
        seen.setdefault(i, k)  # RACE


ts = [threading.Thread(target=visit, args=(k,)) for k in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("keys", len(seen))
