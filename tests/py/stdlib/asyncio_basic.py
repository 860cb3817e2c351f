# asyncio's event loop on pvm: coroutines, tasks, gather, cancellation,
# timeouts (wait_for, asyncio.timeout), wait, shield, TaskGroup, queues,
# locks and events, futures and callbacks, async generators.
import asyncio


async def double(n, delay=0.0):
    await asyncio.sleep(delay)
    return n * 2


async def fail(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def basics():
    print(await double(21))
    print(await asyncio.gather(*(double(i, 0.001 * (5 - i)) for i in range(5))))
    res = await asyncio.gather(double(1), fail("boom"), return_exceptions=True)
    print([type(r).__name__ if isinstance(r, Exception) else r for r in res])
    try:
        await asyncio.gather(double(1), fail("first"))
    except ValueError as e:
        print("gather raised", e)
    t = asyncio.create_task(double(5), name="worker")
    print(t.get_name(), await t, t.done(), t.result())


async def cancellation():
    started = asyncio.Event()

    async def forever():
        started.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            print("forever saw CancelledError")
            raise

    t = asyncio.create_task(forever())
    await started.wait()
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled", t.cancelled(), e.args)
    try:
        await asyncio.wait_for(double(1, 10), timeout=0.02)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(double(2), timeout=5))
    try:
        async with asyncio.timeout(0.02):
            await asyncio.sleep(10)
    except TimeoutError:
        print("asyncio.timeout fired")
    inner = asyncio.create_task(double(7, 0.01))
    print(await asyncio.shield(inner))
    done, pending = await asyncio.wait(
        [asyncio.create_task(double(1, 0.0)), asyncio.create_task(double(2, 5))],
        return_when=asyncio.FIRST_COMPLETED,
    )
    print(sorted(t.result() for t in done), len(pending))
    for p in pending:
        p.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


async def groups():
    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(double(i, 0.001)) for i in range(3)]
    print([t.result() for t in ts])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("in group"))
            tg.create_task(double(1, 1))
    except* ValueError as eg:
        print("group failed:", [str(e) for e in eg.exceptions])


async def queues_and_locks():
    q = asyncio.Queue(maxsize=2)
    out = []

    async def producer():
        for i in range(6):
            await q.put(i)
        await q.put(None)

    async def consumer():
        while (item := await q.get()) is not None:
            out.append(item)
            q.task_done()
        q.task_done()

    await asyncio.gather(producer(), consumer())
    await q.join()
    print("queue", out)
    pq = asyncio.PriorityQueue()
    for x in (5, 1, 3):
        pq.put_nowait(x)
    print("priority", [pq.get_nowait() for _ in range(3)])
    try:
        asyncio.Queue().get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

    lock = asyncio.Lock()
    sem = asyncio.Semaphore(2)
    counter = 0
    peak = 0
    active = 0

    async def worker():
        nonlocal counter, peak, active
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.001)
            active -= 1
        async with lock:
            c = counter
            await asyncio.sleep(0)
            counter = c + 1

    await asyncio.gather(*(worker() for _ in range(10)))
    print("lock counter", counter, "peak", peak)
    cond = asyncio.Condition()
    ready = []

    async def waiter(i):
        async with cond:
            await cond.wait_for(lambda: ready)
            return i

    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    async with cond:
        ready.append(1)
        cond.notify_all()
    print("condition", await asyncio.gather(*ws))


async def futures_and_callbacks():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.001, fut.set_result, "later")
    print(await fut)
    calls = []
    loop.call_soon(calls.append, 1)
    h = loop.call_soon(calls.append, 2)
    h.cancel()
    loop.call_soon(calls.append, 3)
    await asyncio.sleep(0)
    print("callbacks", calls)
    f2 = loop.create_future()
    f2.add_done_callback(lambda f: calls.append(("done", f.result())))
    f2.set_result(9)
    await asyncio.sleep(0)
    print(calls[-1])
    f3 = loop.create_future()
    f3.set_exception(KeyError("k"))
    try:
        await f3
    except KeyError as e:
        print("future exception", repr(e))
    print(await asyncio.to_thread(sum, range(10)))


async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def async_iteration():
    print([x async for x in agen(4)])
    g = agen(10)
    print(await g.__anext__(), await g.__anext__())
    await g.aclose()
    print("aclosed")


async def main():
    await basics()
    await cancellation()
    await groups()
    await queues_and_locks()
    await futures_and_callbacks()
    await async_iteration()
    return "main done"


print(asyncio.run(main()))
loop = asyncio.new_event_loop()
print(loop.run_until_complete(double(50)))
loop.close()
print(loop.is_closed())
