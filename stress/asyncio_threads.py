# Several threads each run their own asyncio event loop at once (per-thread
# loops, asyncgen hooks and running-loop state), with a streams echo server
# on 127.0.0.1, clients, executors and async generators dropped mid-way
# (their finalizer hook is the owning loop's).  Loops also cross-call each
# other with run_coroutine_threadsafe.  Every echo comes back intact and
# every async generator's finally runs.
import asyncio
import threading

NLOOPS, NCLIENTS, NMSG = 4, 6, 20
errors = []
finals = []
finals_lock = threading.Lock()
loops = [None] * NLOOPS
ready = threading.Barrier(NLOOPS)
finished = threading.Barrier(NLOOPS)  # no loop stops before all cross-calls are done


def check(cond, msg):
    if not cond:
        errors.append(msg)


async def ticker(tag):
    try:
        i = 0
        while True:
            yield i
            i += 1
    finally:
        await asyncio.sleep(0)
        with finals_lock:
            finals.append(tag)


async def echo(reader, writer):
    while line := await reader.readline():
        writer.write(line)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(k, c, port):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    for i in range(NMSG):
        msg = b"loop %d client %d msg %d\n" % (k, c, i)
        w.write(msg)
        await w.drain()
        check(await r.readline() == msg, "echo mismatch")
    w.close()
    await w.wait_closed()
    async for x in ticker((k, c)):
        if x == 3:
            break


async def square(x):
    await asyncio.sleep(0)
    return x * x


async def main(k):
    loop = asyncio.get_running_loop()
    loops[k] = loop
    await loop.run_in_executor(None, ready.wait)
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await asyncio.gather(*(client(k, c, port) for c in range(NCLIENTS)))
    # ask the next loop to compute something, from this loop's executor
    other = loops[(k + 1) % NLOOPS]
    fut = asyncio.run_coroutine_threadsafe(square(k), other)
    res = await loop.run_in_executor(None, fut.result, 60)
    check(res == k * k, "cross-loop result")
    await loop.run_in_executor(None, finished.wait)
    server.close()
    await server.wait_closed()
    await asyncio.sleep(0.05)


def run(k):
    try:
        asyncio.run(main(k))
    except Exception as e:
        errors.append(repr(e))


ts = [threading.Thread(target=run, args=(k,)) for k in range(NLOOPS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
check(sorted(finals) == sorted((k, c) for k in range(NLOOPS) for c in range(NCLIENTS)),
      "async generator finally blocks: %d" % len(finals))
if errors:
    print(errors[:5])
else:
    print("ok asyncio_threads")
