# Threads share one compressor and one decompressor of _bz2 (and _lzma when
# it is there): compress() calls race on one compressor, decompress() calls
# and attribute reads race on one decompressor.  Each call runs in the
# object's critical section, so the stream is never corrupted: the shared
# compressor's output decompresses to some interleaving of whole input
# blocks, and the shared decompressor's pieces add up to the input.
import threading
from collections import Counter
import bz2
import _bz2

try:
    import lzma
    import _lzma
except ImportError:
    lzma = None

N = 4
K = 200
errors = []


def check_shared_decompressor(name, stream, data, make):
    # The whole stream goes in with a small max_length, then threads drain
    # the one decompressor concurrently with decompress(b'', 100) (each call
    # joins the kept-back input and keeps the rest) while others read its
    # attributes.  The pieces come back in an unknown order, so the check is
    # on the total length and the byte counts.
    d = make()
    got = [d.decompress(stream, 100)]
    glock = threading.Lock()
    stop = []

    def drain():
        while True:
            try:
                r = d.decompress(b'', 100)
            except EOFError:
                break
            with glock:
                got.append(r)
        stop.append(1)

    def peek():
        while len(stop) < 3:
            d.eof
            d.needs_input
            d.unused_data

    ts = [threading.Thread(target=drain) for _ in range(3)] + [threading.Thread(target=peek) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out = b''.join(got)
    if len(out) != len(data) or Counter(out) != Counter(data) or not d.eof:
        errors.append(name + ': decompressor output')
    if any(len(g) > 100 for g in got):
        errors.append(name + ': max_length')


def race_unordered(name, make, decompress):
    # Many threads each compress whole messages through one compressor; the
    # result must decompress to a byte string whose byte counts match.
    c = make()
    outs = []
    olock = threading.Lock()

    def work(k):
        for i in range(K):
            r = c.compress(bytes([97 + k]) * 64)
            with olock:
                outs.append(r)

    ts = [threading.Thread(target=work, args=(k,)) for k in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    # outs is in completion order, not call order; the small inputs stay
    # buffered in the compressor, so at most one piece (a header) is
    # non-empty and the order does not matter.
    tail = c.flush()
    if sum(1 for o in outs if o) <= 1:
        plain = decompress(b''.join(outs) + tail)
        for k in range(N):
            if plain.count(bytes([97 + k])) != K * 64:
                errors.append(name + ': unordered counts')
    c2 = make()
    out2 = []

    def work2(k):
        for i in range(K):
            with olock:
                out2.append(c2.compress(bytes([97 + k]) * 64))

    ts = [threading.Thread(target=work2, args=(k,)) for k in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out2.append(c2.flush())
    plain = decompress(b''.join(out2))
    for k in range(N):
        if plain.count(bytes([97 + k])) != K * 64:
            errors.append(name + ': counts')
    if len(plain) != N * K * 64:
        errors.append(name + ': length')


data = b''.join(bytes([i % 251]) * 13 for i in range(5000))
race_unordered('bz2', lambda: _bz2.BZ2Compressor(1), bz2.decompress)
check_shared_decompressor('bz2', bz2.compress(data), data, _bz2.BZ2Decompressor)
if lzma is not None:
    race_unordered('lzma', lambda: _lzma.LZMACompressor(preset=0), lzma.decompress)
    check_shared_decompressor('lzma', lzma.compress(data), data, _lzma.LZMADecompressor)

print(errors if errors else 'ok bz2_lzma_shared')
