from concurrent.futures import ThreadPoolExecutor, as_completed, wait, Future, ALL_COMPLETED
import threading


def square(x):
    return x * x


def boom(x):
    raise ValueError("bad %d" % x)


with ThreadPoolExecutor(max_workers=3) as ex:
    print(list(ex.map(square, range(8))))
    fs = [ex.submit(square, i) for i in range(5)]
    print(sorted(f.result() for f in as_completed(fs)))
    f = ex.submit(boom, 7)
    try:
        f.result()
    except ValueError as e:
        print("ValueError", e)
    print(type(f.exception()).__name__, f.done(), f.cancelled())
    done, not_done = wait(fs, return_when=ALL_COMPLETED)
    print(len(done), len(not_done))

fut = Future()
print(fut.done(), fut.running())
fut.set_result(42)
print(fut.result(), fut.done())
calls = []
fut.add_done_callback(lambda f: calls.append(f.result()))
print(calls)
ex = ThreadPoolExecutor(2)
ex.shutdown()
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print("RuntimeError", e)
