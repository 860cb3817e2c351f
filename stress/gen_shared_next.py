# Several threads call next() (and send/gi_running/gi_suspended/gi_yieldfrom)
# on one shared generator: every value is produced exactly once in total,
# the losers of a race get "generator already executing", nothing crashes
# and a finished generator stays finished.
import threading

N = 100000
NT = 4


def produce():
    for i in range(N):
        yield i


def delegate():
    yield from produce()


def drain(gen, out, errors, start):
    start.wait()
    while True:
        try:
            v = next(gen)
        except StopIteration:
            break
        except ValueError as e:
            errors.append(str(e))
            gen.gi_running, gen.gi_suspended, gen.gi_yieldfrom
            continue
        out.append(v)
    # A finished generator keeps answering StopIteration.
    for _ in range(3):
        try:
            next(gen)
            raise AssertionError("finished generator produced a value")
        except StopIteration:
            pass
        except ValueError:
            pass


for maker in (produce, delegate):
    gen = maker()
    outs = [[] for _ in range(NT)]
    errs = [[] for _ in range(NT)]
    start = threading.Barrier(NT)
    ts = [threading.Thread(target=drain, args=(gen, outs[k], errs[k], start)) for k in range(NT)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    got = [v for o in outs for v in o]
    assert len(got) == N, (maker.__name__, len(got))
    assert sorted(got) == list(range(N)), maker.__name__
    for o in outs:  # each thread saw its values in increasing order
        assert o == sorted(o)
    msgs = set(m for e in errs for m in e)
    assert msgs <= {"generator already executing"}, msgs
    assert not gen.gi_running and not gen.gi_suspended

# Many short generators drained together: the end of a generator (its
# frame freed) races with the other threads' next().
def short(k):
    for i in range(k):
        yield i


gens = [short(3) for _ in range(20000)]
counts = [[0] * len(gens) for _ in range(NT)]


def drain_all(c, start):
    start.wait()
    for j, g in enumerate(gens):
        while True:
            try:
                next(g)
            except StopIteration:
                break
            except ValueError:
                continue
            c[j] += 1


start = threading.Barrier(NT)
ts = [threading.Thread(target=drain_all, args=(counts[k], start)) for k in range(NT)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for j in range(len(gens)):
    assert sum(c[j] for c in counts) == 3, j

# close() racing with next(): either the generator is closed or close()
# found it running; values are never produced after it finished.
for _ in range(200):
    gen = produce()
    next(gen)
    res = []

    def closer():
        try:
            gen.close()
            res.append("closed")
        except ValueError as e:
            res.append(str(e))

    def nexter():
        for _ in range(50):
            try:
                next(gen)
            except (StopIteration, ValueError):
                pass

    ts = [threading.Thread(target=closer), threading.Thread(target=nexter)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert res[0] in ("closed", "generator already executing"), res
    if res[0] == "closed":
        try:
            next(gen)
            raise AssertionError("value after close")
        except StopIteration:
            pass
print("ok gen_shared_next")
