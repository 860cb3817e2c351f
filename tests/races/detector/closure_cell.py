# A closure variable (nonlocal) updated by two threads.
import threading


def make_counter():
    total = 0

    def add():
        nonlocal total
        for _ in range(100):
            total += 1  # RACE

    def get():
        return total

    return add, get


add, get = make_counter()
ts = [threading.Thread(target=add) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("total", get())
