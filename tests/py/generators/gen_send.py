# generator send()
def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
acc = accumulator()
print(next(acc))
print(acc.send(10), acc.send(5), acc.send(-3))
try:
    acc.send(None)
except StopIteration:
    print("stopped")
def echo():
    received = []
    while len(received) < 3:
        x = yield len(received)
        received.append(x)
    return received
e = echo()
print(e.send(None))
print(e.send("a"), e.send("b"))
try:
    e.send("c")
except StopIteration as si:
    print("returned", si.value)
fresh = accumulator()
try:
    fresh.send(5)
except TypeError as ex:
    print(type(ex).__name__, ex)
def averager():
    total, count, avg = 0.0, 0, None
    while True:
        term = yield avg
        total += term
        count += 1
        avg = total / count
av = averager()
next(av)
print([av.send(v) for v in (10, 20, 60)])
