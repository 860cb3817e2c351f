# Several threads resume one shared coroutine (send, throw, close, its
# __await__ wrapper, cr_await/cr_running), one shared async generator
# (asend/__anext__ awaitables, athrow, aclose, ag_await/ag_running) and
# one shared __anext__() awaitable.  Every value is produced exactly once,
# the losers of a race get "coroutine already executing" / "async generator
# already executing" / "anext(): asynchronous generator is already
# running", nothing crashes and a finished object stays finished.
import threading

N = 50000
NT = 4


class Step:
    """Awaitable that suspends once, handing `v` to the driver."""

    def __init__(self, v):
        self.v = v

    def __await__(self):
        yield self.v


async def inner(i):
    await Step(i)


async def producer():
    for i in range(N):
        await inner(i)
    return "done"


CORO_ERRS = {"coroutine already executing"}


def drive_coro(coro, out, errors, results, start):
    start.wait()
    w = coro.__await__()
    k = 0
    while True:
        k += 1
        try:
            if k % 3 == 0:
                v = next(w)
            else:
                v = coro.send(None)
        except StopIteration as e:
            results.append(e.value)
            break
        except RuntimeError as e:  # the coroutine finished in another thread
            errors.append(str(e))
            break
        except ValueError as e:
            errors.append(str(e))
            coro.cr_running, coro.cr_await, coro.cr_suspended
            continue
        out.append(v)


coro = producer()
outs = [[] for _ in range(NT)]
errs = [[] for _ in range(NT)]
results = []
start = threading.Barrier(NT)
ts = [
    threading.Thread(target=drive_coro, args=(coro, outs[k], errs[k], results, start))
    for k in range(NT)
]
for t in ts:
    t.start()
for t in ts:
    t.join()
got = [v for o in outs for v in o]
assert sorted(got) == list(range(N)), len(got)
assert results == ["done"], results
msgs = set(m for e in errs for m in e)
assert msgs <= CORO_ERRS | {"cannot reuse already awaited coroutine"}, msgs
assert not coro.cr_running and coro.cr_await is None
try:
    coro.send(None)
    raise AssertionError("finished coroutine resumed")
except RuntimeError as e:
    assert str(e) == "cannot reuse already awaited coroutine"


# close() and throw() racing with send(): the coroutine ends exactly once.
async def guarded(log):
    try:
        while True:
            await Step(1)
    finally:
        log.append("finally")


for _ in range(300):
    log = []
    c = guarded(log)
    c.send(None)
    res = []

    def closer():
        try:
            c.close()
            res.append("closed")
        except ValueError as e:
            res.append(str(e))

    def thrower():
        try:
            c.throw(KeyError("k"))
        except KeyError:
            res.append("thrown")
        except (ValueError, RuntimeError) as e:
            res.append(str(e))

    def sender():
        for _ in range(30):
            try:
                c.send(None)
            except (ValueError, RuntimeError, StopIteration):
                pass

    ts = [threading.Thread(target=f) for f in (closer, thrower, sender)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    c.close()
    assert log == ["finally"], log
    for r in res:
        assert r in ("closed", "thrown", "cannot reuse already awaited coroutine") or r in CORO_ERRS, r


# A shared async generator driven through __anext__ awaitables from all threads.
async def agen():
    for i in range(N):
        await Step(None)
        yield i


AG_ERRS = {
    "anext(): asynchronous generator is already running",
    "async generator already executing",
    "cannot reuse already awaited __anext__()/asend()",
}


def drive_agen(g, out, errors, start):
    start.wait()
    while True:
        a = g.__anext__() if len(out) % 2 else g.asend(None)
        try:
            while True:
                a.send(None)  # passes the await of Step through
                g.ag_running, g.ag_await
        except StopIteration as e:
            out.append(e.value)
        except StopAsyncIteration:
            return
        except (RuntimeError, ValueError) as e:
            errors.append(str(e))


g = agen()
outs = [[] for _ in range(NT)]
errs = [[] for _ in range(NT)]
start = threading.Barrier(NT)
ts = [threading.Thread(target=drive_agen, args=(g, outs[k], errs[k], start)) for k in range(NT)]
for t in ts:
    t.start()
for t in ts:
    t.join()
got = [v for o in outs for v in o]
# A value is lost only when its awaitable was abandoned midway by a
# racing error; never produced twice.
assert len(got) == len(set(got)), "duplicate values"
assert set(got) <= set(range(N))
msgs = set(m for e in errs for m in e)
assert msgs <= AG_ERRS, msgs
assert not g.ag_running


# One awaitable shared by threads, and aclose()/athrow() racing with asend.
async def slow_agen(log):
    try:
        for i in range(1000):
            await Step(i)
            yield i
    finally:
        log.append("finally")


for _ in range(200):
    log = []
    g = slow_agen(log)
    a = g.__anext__()

    def pump():
        for _ in range(20):
            try:
                a.send(None)
            except (StopIteration, StopAsyncIteration):
                return
            except (RuntimeError, ValueError) as e:
                assert str(e) in AG_ERRS, str(e)

    def closer():
        c = g.aclose()
        try:
            while True:
                c.send(None)
        except StopIteration:
            pass
        except (RuntimeError, ValueError) as e:
            assert str(e) in AG_ERRS | {
                "aclose(): asynchronous generator is already running",
                "async generator ignored GeneratorExit",
            }, str(e)

    ts = [threading.Thread(target=f) for f in (pump, pump, closer)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    # Finish it here (StopAsyncIteration: an aclose() that lost a race
    # already marked it closed; dropping it runs the finally block then).
    c = g.aclose()
    try:
        while True:
            c.send(None)
    except (StopIteration, StopAsyncIteration, RuntimeError):
        pass
    del a, c, g
    assert log.count("finally") <= 1, log

print("ok coro_shared_send")
