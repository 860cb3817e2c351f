# Threads append to, insert into, pop from, remove from, reverse, iterate,
# slice and view (memoryview exports) one shared bytearray.  Resizing while
# a view is live raises BufferError and changes nothing, so each mutator
# retries.  At the end, for every byte value, added - removed == what is
# left, and every byte anyone read was one that was ever added.
import threading

ba = bytearray()
ADDERS, PER = 3, 2000
VALID = set(range(ADDERS + 2))  # 0 (marker), 1..ADDERS, ADDERS + 1 (slice inserts)
done = threading.Event()
errors = []
added = [0] * 256
removed = [0] * 256
lock = threading.Lock()


def retry(op, *args):
    while True:
        try:
            return op(*args)
        except BufferError:
            pass


def note(counts, local):
    with lock:
        for v, n in enumerate(local):
            counts[v] += n


def adder(v):
    local = [0] * 256
    for i in range(PER):
        retry(ba.append, v)
        local[v] += 1
        if i % 10 == 0:
            def ins():
                ba[0:0] = bytes([ADDERS + 1])  # a resizing slice assignment
            retry(ins)
            local[ADDERS + 1] += 1
    note(added, local)


def popper():
    local = [0] * 256
    while not done.is_set() or len(ba):
        try:
            v = retry(ba.pop, 0 if len(ba) % 2 else -1)
        except IndexError:
            if done.is_set():
                break
            continue
        local[v] += 1
    note(removed, local)


def marker():
    add, rem = [0] * 256, [0] * 256
    while not done.is_set():
        retry(ba.insert, len(ba) // 2, 0)
        add[0] += 1
        try:
            retry(ba.remove, 0)
            rem[0] += 1
        except ValueError:
            pass  # a popper took our 0
    note(added, add)
    note(removed, rem)


def viewer():
    while not done.is_set():
        with memoryview(ba) as m:
            data = m.tobytes()
            half = m[::2]
            if not set(half.tolist()) <= VALID or not set(data) <= VALID:
                errors.append("view saw a byte never added")
            half.release()
        if not set(bytes(ba)) <= VALID or not set(ba.hex().encode()) <= set(b"0123456789abcdef"):
            errors.append("snapshot saw a byte never added")


def churner():
    while not done.is_set():
        ba.reverse()
        for x in ba:
            if x not in VALID:
                errors.append("iteration saw %d" % x)
                break
        s = ba[1:-1:3]
        if not set(s) <= VALID:
            errors.append("slice saw a byte never added")
        ba.find(b"\x01\x02")
        # Snapshot-based methods and bytes-like arguments while others mutate.
        parts = ba.split(b"\x01")
        joined = b"".join([ba, memoryview(ba)[::1], ba.upper()])
        if not set(joined) <= VALID or any(not set(p) <= VALID for p in parts):
            errors.append("snapshot method saw a byte never added")
        ba.startswith((b"\x02", bytearray(b"\x03")), 0, len(ba) // 2)
        ba.count(1, 1, -1)
        2 in ba
        ba == bytes(ba)


adders = [threading.Thread(target=adder, args=(v,)) for v in range(1, ADDERS + 1)]
others = [threading.Thread(target=f) for f in (popper, popper, marker, viewer, churner)]
for t in adders + others:
    t.start()
for t in adders:
    t.join()
done.set()
for t in others:
    t.join()

assert not errors, errors[:3]
for v in range(256):
    left = ba.count(v)
    assert added[v] - removed[v] == left, (v, added[v], removed[v], left)
assert len(ba) == sum(added) - sum(removed)

# One memoryview shared by readers while another thread releases it and
# then resizes the bytearray under it: readers get the bytes or ValueError.
for round in range(20):
    buf = bytearray(b"0123456789" * 10)
    view = memoryview(buf)
    go = threading.Event()
    seen = []

    def reader():
        go.wait()
        for _ in range(200):
            try:
                a, b, c = view[3], view[2:5].tobytes(), view.cast("B", (10, 10))[1, 2]
                if a != 51 or b != b"234" or c != 50:
                    errors.append("view read %r %r %r" % (a, b, c))
            except ValueError:
                seen.append(1)
                return

    def releaser():
        go.wait()
        while True:
            try:
                view.release()
                break
            except BufferError:
                pass
        # May move the bytes: only the readers' short-lived sub-views (their
        # own exports) can still pin them, so retry.
        retry(buf.extend, b"x" * 1000)
        retry(buf.clear)

    ts = [threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=releaser)]
    for t in ts:
        t.start()
    go.set()
    for t in ts:
        t.join()
    assert not errors, errors[:3]
    assert buf == bytearray()
print("ok bytearray_race")
