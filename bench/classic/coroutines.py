"""coroutines: recursive `async def` / `await` chains, driven by a tiny event loop.

The loop here is hand-written (a deque of tasks resumed with send()), so the
benchmark measures coroutine machinery only; pvm cannot import asyncio yet
(it needs _socket).

Usage: coroutines.py [DEPTH]   (default 28)
"""
import collections
import sys


class Yield:
    """An awaitable that suspends the running task once."""

    def __await__(self):
        yield None


async def fibonacci(n):
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


async def producer(queue, count):
    total = 0
    for i in range(count):
        queue.append(i)
        total += i
        if i % 64 == 0:
            await Yield()
    return total


async def consumer(queue, count):
    seen = 0
    got = 0
    while got < count:
        if queue:
            seen += queue.popleft()
            got += 1
        else:
            await Yield()
    return seen


def run_all(coros):
    tasks = collections.deque((i, c) for i, c in enumerate(coros))
    results = [None] * len(coros)
    steps = 0
    while tasks:
        i, c = tasks.popleft()
        steps += 1
        try:
            c.send(None)
        except StopIteration as stop:
            results[i] = stop.value
        else:
            tasks.append((i, c))
    return results, steps


def main():
    depth = int(sys.argv[1]) if len(sys.argv) > 1 else 28
    (fib,), steps1 = run_all([fibonacci(depth)])
    q = collections.deque()
    count = 500000
    (p, c), steps2 = run_all([producer(q, count), consumer(q, count)])
    print("fib(%d)=%d steps=%d producer=%d consumer=%d steps=%d" % (depth, fib, steps1, p, c, steps2))


if __name__ == "__main__":
    main()
