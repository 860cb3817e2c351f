# Threads share one array.array: appends, pops, extends, slice assignments,
# reads, iteration and buffer exports race.  Every operation is atomic: the
# item count adds up, every item read is one some thread wrote, and a
# resize while a memoryview is alive raises BufferError, never corrupts.
import threading
import array

N = 4
K = 3000
a = array.array('q')
errors = []
good = set(range(0, 1000))
pops = [0] * N
lock = threading.Lock()
resizes_refused = [0]


def writer(k):
    for i in range(K):
        try:
            a.append(i % 1000)
            if i % 3 == 0:
                a.extend([i % 1000, (i + 1) % 1000])
                a.pop()
            if i % 5 == 0:
                a.pop()
                pops[k] += 1
        except BufferError:
            with lock:
                resizes_refused[0] += 1
        except IndexError:
            pass


def reader():
    for i in range(K):
        n = len(a)
        if n:
            try:
                v = a[-1]
            except IndexError:
                continue
            if v not in good:
                errors.append('bad item %r' % v)
        for v in a[:50]:
            if v not in good:
                errors.append('bad slice item %r' % v)
        if i % 50 == 0:
            for v in a:
                if v not in good:
                    errors.append('bad iter item')
            b = a.tobytes()
            if len(b) % 8:
                errors.append('torn tobytes')


def exporter():
    for i in range(K // 10):
        try:
            m = memoryview(a)
        except BufferError:
            continue
        if m.nbytes % 8:
            errors.append('bad view')
        for v in m[:10].tolist():
            if v not in good:
                errors.append('bad view item')
        m.release()


def slicer():
    for i in range(K // 3):
        try:
            a[0:2] = array.array('q', [1, 2])
            a[::7] = array.array('q', [5]) * len(a[::7])
        except (BufferError, ValueError):
            pass
        a.count(5)
        5 in a


threads = [threading.Thread(target=writer, args=(k,)) for k in range(N)]
threads += [threading.Thread(target=reader) for _ in range(2)]
threads += [threading.Thread(target=exporter), threading.Thread(target=slicer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for v in a:
    if v not in good:
        errors.append('final item')
print(errors[:3] if errors else 'ok array_shared')
