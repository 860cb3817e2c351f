# A counter kept in a class attribute, incremented by two threads.
import threading


class Stats:
    hits = 0


def hit():
    for _ in range(100):
        Stats.hits += 1  # RACE


ts = [threading.Thread(target=hit) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("hits", Stats.hits)
