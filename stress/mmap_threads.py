# Threads share mmap objects.  Phase 1: readers consume one map with
# read(n) / read_byte() / readline(): the position moves atomically, so
# the chunks cover the map exactly once and each is a contiguous run of
# the pattern.  Phase 2: workers read, write, slice, search, iterate and
# export buffers while another thread resizes, closes and replaces the
# map: every byte seen is one some thread wrote (or a zero from growth),
# and a closed or resized map raises ValueError / BufferError /
# IndexError, never crashes.
import mmap
import random
import threading
import time

errors = []
N = 4

# ---- phase 1: the shared position --------------------------------------------------------
S = 50000
m = mmap.mmap(-1, S)
m[:] = bytes(i % 251 for i in range(S))
chunks = [[] for _ in range(N)]


def consumer(k):
    rnd = random.Random(k)
    out = chunks[k]
    while True:
        op = rnd.randrange(3)
        if op == 0:
            c = m.read(rnd.randrange(1, 40))
        elif op == 1:
            try:
                c = bytes([m.read_byte()])
            except ValueError:
                c = b""
        else:
            c = m.readline()  # no newline byte 10? the pattern has some
        if not c:
            break
        out.append(c)


threads = [threading.Thread(target=consumer, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
total = sum(len(c) for ch in chunks for c in ch)
if total != S:
    errors.append("phase 1: read %d bytes of %d" % (total, S))
for ch in chunks:
    for c in ch:
        for j in range(len(c) - 1):
            if c[j + 1] != (c[j] + 1) % 251:
                errors.append("phase 1: torn chunk")
                break
m.close()

# ---- phase 2: close and resize racing use -------------------------------------------------
holder = [mmap.mmap(-1, 4096)]
stop = threading.Event()
good = {0, ord("x"), ord("y")}
lock = threading.Lock()
counts = {"closed": 0, "buffer": 0, "ops": 0}


def check(bs, what):
    for b in bs:
        if b not in good:
            errors.append("phase 2: bad byte %r from %s" % (b, what))
            return


def worker(k):
    rnd = random.Random(100 + k)
    fill = b"x" if k % 2 else b"y"
    ops = 0
    while not stop.is_set():
        ops += 1
        mm = holder[0]
        try:
            op = rnd.randrange(10)
            if op == 0:
                mm.seek(rnd.randrange(0, 64))
                check(mm.read(rnd.randrange(0, 3000)), "read")
            elif op == 1:
                mm.seek(0)
                mm.write(fill * rnd.randrange(0, 200))
            elif op == 2:
                n = len(mm)
                check(mm[0:n:rnd.randrange(1, 5)], "slice")
            elif op == 3:
                n = len(mm)
                mm[0:min(n, 100)] = fill * min(n, 100)
                mm[::50] = fill * len(range(0, n, 50))
            elif op == 4:
                mm.find(b"xy")
                mm.rfind(b"yx", 0)
            elif op == 5:
                for i, b in enumerate(mm):
                    if b[0] not in good:
                        errors.append("phase 2: bad iter byte")
                    if i > 200:
                        break
            elif op == 6:
                with memoryview(mm) as v:
                    check(bytes(v[:300]), "view")
                    if len(v):
                        v[0] = ord(fill)
            elif op == 7:
                mm.seek(0)
                check(mm.readline(), "readline")
                mm.read_byte()
                mm.write_byte(ord(fill))
            elif op == 8:
                check([mm[rnd.randrange(-10, 10)]], "index")
                mm[rnd.randrange(0, 10)] = ord(fill)
            else:
                mm.move(0, rnd.randrange(0, 100), 100)
                mm.flush()
                mm.tell()
                repr(mm)
        except ValueError:
            with lock:
                counts["closed"] += 1
        except (IndexError, BufferError):
            with lock:
                counts["buffer"] += 1
    with lock:
        counts["ops"] += ops


def mutator():
    rnd = random.Random(7)
    for i in range(6000):
        time.sleep(0)
        mm = holder[0]
        try:
            if i % 10 == 9:
                mm.close()
                holder[0] = mmap.mmap(-1, rnd.randrange(1, 8192))
            else:
                mm.resize(rnd.randrange(1, 20000))
        except (BufferError, ValueError):
            pass
    stop.set()


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
threads.append(threading.Thread(target=mutator))
for t in threads:
    t.start()
for t in threads:
    t.join()
mm = holder[0]
check(mm[:], "final")
mm.close()
if not mm.closed:
    errors.append("not closed")
print(errors[:3] if errors else "ok mmap_threads")
