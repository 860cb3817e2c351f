# Many threads append distinct items to one list, then many threads pop it
# empty: nothing lost, nothing duplicated.
import threading

N, PER = 8, 5000
shared = []


def producer(k):
    for i in range(PER):
        shared.append(k * PER + i)


def consumer(out):
    while True:
        try:
            out.append(shared.pop())
        except IndexError:
            return


ts = [threading.Thread(target=producer, args=(k,)) for k in range(N)]
for t in ts: t.start()
for t in ts: t.join()
assert len(shared) == N * PER, len(shared)
assert sorted(shared) == list(range(N * PER))

outs = [[] for _ in range(N)]
ts = [threading.Thread(target=consumer, args=(o,)) for o in outs]
for t in ts: t.start()
for t in ts: t.join()
popped = [x for o in outs for x in o]
assert len(popped) == N * PER, len(popped)
assert sorted(popped) == list(range(N * PER))
assert shared == []
print("ok list_append_pop")
