# sys._current_frames() and frame objects read across threads while the
# threads that own those frames call, return, raise and resume generators:
# every frame seen has a code object, a line, a chain of f_back that ends,
# locals that are a dict; a generator resumed by every worker answers
# gi_frame meanwhile; frames kept from tracebacks and from other
# threads stay readable after their calls return; frame snapshots walk a
# shared exception's traceback while another thread relinks its tb_next;
# nothing crashes.
import sys
import threading

NT = 3
ROUNDS = 3000
stop = False
kept = []  # frames taken from other threads (list.append is atomic)


def leaf(n, acc):
    local = n * 2
    if n % 7 == 0:
        raise ValueError(n)
    return local + acc


def make_shared():
    try:
        middle_raise()
    except ValueError as e:
        return e


def middle_raise():
    leaf(0, 0)


recent = [None, None, None]
shared_exc = make_shared()
shared_tb = shared_exc.__traceback__
shared_rest = shared_tb.tb_next


def relinker(start):
    # Cuts and restores a traceback link that the workers' frame
    # snapshots walk (their locals hold the exception when they return).
    start.wait()
    k = 0
    while not stop:
        shared_tb.tb_next = None if k % 2 else shared_rest
        k += 1
    shared_tb.tb_next = shared_rest


def middle(n):
    kept_exc = shared_exc  # walked when this frame's snapshot is taken
    if n % 5 == 0:
        recent[n % 3] = sys._getframe()  # held elsewhere: detaching takes a snapshot
    try:
        return leaf(n, 1)
    except ValueError as e:
        # The traceback's frames outlive the calls.
        t = e.__traceback__
        while t is not None:
            assert t.tb_frame.f_code.co_name in ("middle", "leaf"), t.tb_frame.f_code.co_name
            t = t.tb_next
        return -1


def gen(k):
    for i in range(k):
        yield sys._getframe().f_lineno + i


def endless():
    n = 0
    while True:
        n += 1
        yield n


shared_gen = endless()


def worker(start):
    start.wait()
    total = 0
    while not stop:
        try:
            next(shared_gen)  # resumed by every worker in turn
        except ValueError:
            pass  # "generator already executing"
        for n in range(50):
            total += middle(n)
        g = gen(5)
        total += sum(g)
        fr = sys._getframe()
        assert fr.f_code.co_name == "worker"
    return total


def reader(start, seen):
    start.wait()
    for r in range(ROUNDS):
        frames = sys._current_frames()
        for ident, f in frames.items():
            depth = 0
            while f is not None and depth < 100:
                co = f.f_code
                assert isinstance(co.co_name, str)
                assert f.f_lineno >= 1
                assert f.f_lasti >= -1
                loc = f.f_locals
                assert isinstance(loc, dict)
                seen.add(co.co_name)
                if r % 50 == 0:
                    kept.append(f)
                f = f.f_back
                depth += 1
            assert depth < 100
        gf = shared_gen.gi_frame
        assert gf.f_code.co_name == "endless"
        assert gf.f_lineno >= 1
        loc = gf.f_locals
        assert isinstance(loc, dict) and loc.get("n", 0) >= 0, loc
        b = gf.f_back
        assert b is None or b.f_code.co_name == "worker", b


start = threading.Barrier(NT + 3)
seen = set()
workers = [threading.Thread(target=worker, args=(start,)) for _ in range(NT)]
rd = threading.Thread(target=reader, args=(start, seen))
rl = threading.Thread(target=relinker, args=(start,))
for t in workers:
    t.start()
rd.start()
rl.start()
start.wait()
rd.join()
stop = True
for t in workers:
    t.join()
rl.join()
assert shared_tb.tb_next is shared_rest
for f in recent:
    assert f is None or f.f_code.co_name == "middle"
    assert f is None or f.f_locals["kept_exc"] is shared_exc

# Frames kept from the other threads answer after those threads are gone.
for f in kept:
    assert isinstance(f.f_locals, dict)
    assert f.f_lineno >= 1
    b = f.f_back
    assert b is None or b.f_code is not None
assert "worker" in seen, seen
print("ok frames_cross_thread")
