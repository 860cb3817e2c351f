import threading
def make():
    total = 0
    lock = threading.Lock()
    def add():
        nonlocal total
        for _ in range(100):
            with lock:
                total += 1
    def get():
        return total
    return add, get
add, get = make()
ts = [threading.Thread(target=add) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(get())
