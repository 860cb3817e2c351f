# Shared by multiprocessing_{fork,spawn,forkserver}.py and
# multiprocessing_fork_sync.py: the ordinary uses of multiprocessing and
# ProcessPoolExecutor under one start method.  The workers live in this
# module so that spawned children can import them.  Not run yet under spawn
# and forkserver: the sync part can hang pvm at exit (a SemLock released by
# a Queue's exiting feeder thread dies on the main thread inside
# resource_tracker.ensure_running, and its finalizer waits for the tracker's
# Lock that thread holds).
import multiprocessing as mp
import os
import sys


def sq(x):
    return x * x


def fail(x):
    raise ValueError("bad %d" % x)


def worker(q, n):
    q.put(sum(range(n)))


def locked(lock, sem, ev, q, i):
    ev.wait()
    with sem:
        with lock:
            q.put(i)


def exit_with(code):
    sys.exit(code)


def pid_differs(parent, q):
    q.put(os.getpid() != parent)


def run_pool_process(method):
    ctx = mp.get_context(method)
    print(ctx.get_start_method())
    with ctx.Pool(2) as pool:
        print(pool.map(sq, range(10)))
        print(pool.apply(sq, (7,)), pool.apply_async(sq, (8,)).get(timeout=60))
        print(sorted(pool.imap_unordered(sq, range(5))))
        try:
            pool.apply(fail, (3,))
        except ValueError as e:
            print(type(e).__name__, e)
    q = ctx.Queue()
    p = ctx.Process(target=worker, args=(q, 100))
    p.start()
    print(q.get(timeout=60))
    p.join()
    print(p.exitcode, p.is_alive())
    p = ctx.Process(target=pid_differs, args=(os.getpid(), q))
    p.start()
    print(q.get(timeout=60))
    p.join()
    p = ctx.Process(target=exit_with, args=(3,))
    p.start()
    p.join()
    print(p.exitcode)
    r, w = ctx.Pipe()
    w.send({"a": [1, 2]})
    print(r.recv())
    print("done", method)


def run_sync_manager_executor(method):
    ctx = mp.get_context(method)
    print(ctx.get_start_method())
    lock = ctx.Lock()
    sem = ctx.Semaphore(2)
    ev = ctx.Event()
    q2 = ctx.Queue()
    ps = [ctx.Process(target=locked, args=(lock, sem, ev, q2, i)) for i in range(3)]
    for x in ps:
        x.start()
    ev.set()
    print(sorted(q2.get(timeout=60) for _ in range(3)))
    for x in ps:
        x.join()
    print([x.exitcode for x in ps])
    with ctx.Manager() as m:
        d = m.dict()
        l = m.list([1, 2])
        ns = m.Namespace(x=1)
        d["a"] = 1
        l.append(3)
        ns.x += 1
        print(dict(d), list(l), ns.x)
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(2, mp_context=ctx) as ex:
        print(list(ex.map(sq, range(5))))
        print(ex.submit(sq, 12).result(timeout=60))
        try:
            ex.submit(fail, 4).result(timeout=60)
        except ValueError as e:
            print(type(e).__name__, e)
    print("done", method)
