# Threads index, slice and assign through memoryviews of one bytearray
# while other threads release those views (directly and from inside
# __index__ of the keys).  Every operation either works or raises
# ValueError "operation forbidden on released memoryview object"; the
# bytearray only ever holds the byte values written.
import threading

ba = bytearray(b'\x01' * 256)
views = [memoryview(ba) for _ in range(8)]
views_lock = threading.Lock()
errors = []
N = 3000


class ReleasingIndex:
    def __init__(self, m, i):
        self.m, self.i = m, i

    def __index__(self):
        self.m.release()
        return self.i


def pick(k):
    with views_lock:
        return views[k % len(views)]


def renew(k):
    with views_lock:
        views[k % len(views)] = memoryview(ba)


def worker(seed):
    x = seed
    for n in range(N):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        m = pick(x)
        i = x % 250
        try:
            op = n % 6
            if op == 0:
                if m[i] not in (1, 2):
                    errors.append(('read', m[i]))
            elif op == 1:
                m[i] = 2
            elif op == 2:
                s = m[i:i + 4]
                if any(v not in (1, 2) for v in s.tolist()):
                    errors.append(('slice', s.tolist()))
            elif op == 3:
                m[i:i + 2] = b'\x02\x01'
            elif op == 4:
                m[ReleasingIndex(m, i)] = 1
                renew(x)
            else:
                m.release()
                renew(x)
        except ValueError as e:
            if 'released' not in str(e):
                errors.append(('ValueError', str(e)))
            renew(x)
        except BufferError:
            pass  # release() while a slice of this view is being made


threads = [threading.Thread(target=worker, args=(s,)) for s in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if errors:
    print('errors', errors[:5])
bad = set(ba) - {1, 2}
if bad:
    print('bad bytes', bad)
print('ok memoryview_release_race')
