# Threads share zlib stream objects: compress/flush/copy race on one
# Compress, and copy()/attribute reads race with decompress() on one
# Decompress.  Each call runs in the object's critical section, so the
# stream is never corrupted: the one writer's output still decompresses to
# exactly its input, and copies are always usable.
import threading
import zlib

N = 4
K = 400
errors = []
blocks = [bytes([i]) * 100 for i in range(N)]
co = zlib.compressobj()
outs = [[] for _ in range(N)]


def comp(k):
    for i in range(K):
        outs[k].append(co.compress(blocks[k]))
        if i % 50 == 0:
            try:
                c = co.copy()
                tail = c.flush()
                zlib.decompressobj().decompress(tail)
            except (ValueError, zlib.error):
                pass


threads = [threading.Thread(target=comp, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
final = co.flush()
total = sum(len(b) for o in outs for b in o) + len(final)
if total <= 0:
    errors.append('no output')

data = b''.join(bytes([i % 251]) * 37 for i in range(20000))
stream = zlib.compress(data)
d = zlib.decompressobj()
got = []
stop = []


def dec():
    for i in range(0, len(stream), 97):
        got.append(d.decompress(stream[i:i + 97]))
    stop.append(1)


def peek():
    while not stop:
        d.eof
        d.unused_data
        d.unconsumed_tail
        try:
            c = d.copy()
            c.decompress(b'')
        except (ValueError, zlib.error):
            pass


ts = [threading.Thread(target=dec)] + [threading.Thread(target=peek) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
if b''.join(got) != data or not d.eof:
    errors.append('decompressed data differs')
print(errors[:3] if errors else 'ok zlib_shared')
