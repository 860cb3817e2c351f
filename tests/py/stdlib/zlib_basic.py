# zlib: one-shot and streaming compression, checksums, constants, errors.
import zlib

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

data = b'hello world' * 10
c = zlib.compress(data)
print(c, zlib.decompress(c) == data, zlib.crc32(b'abc'), zlib.adler32(b'abc'), zlib.crc32(b'abc', 5), zlib.adler32(b'abc', 7))
print(zlib.crc32(b''), zlib.adler32(b''), zlib.crc32(memoryview(b'abc')), zlib.crc32(bytearray(b'abc')))
print(zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION, zlib.DEF_BUF_SIZE, zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL)
print([(n, getattr(zlib, n)) for n in sorted(dir(zlib)) if n.startswith('Z_')])
print(sorted(x for x in dir(zlib) if not x.startswith('__')))
print(zlib.error.__module__, zlib.error.__mro__)
for lvl in range(-1, 10):
    print(lvl, zlib.compress(data, lvl))
print(zlib.compress(b''), zlib.decompress(zlib.compress(b'')), zlib.compress(data, level=1, wbits=-9))
big = bytes(range(256)) * 1000
for wb in [9, 15, -15, 31, 25, -9]:
    cb = zlib.compress(big, 6, wb)
    print(wb, len(cb), cb[:3], zlib.decompress(cb, wb) == big, zlib.decompress(cb, wb, 1) == big)
print(zlib.decompress(zlib.compress(big, wbits=31), wbits=47) == big, zlib.decompress(zlib.compress(big), wbits=47) == big)
print(zlib.decompress(zlib.compress(big), wbits=0) == big)
for f in [lambda: zlib.decompress(b'abc'), lambda: zlib.decompress(c[:-3]), lambda: zlib.decompress(c + b'xx'),
          lambda: zlib.compress(b'x', 10), lambda: zlib.compress(b'x', wbits=99), lambda: zlib.decompress(c, 99),
          lambda: zlib.compressobj(wbits=99), lambda: zlib.decompressobj(99), lambda: zlib.compress('x'),
          lambda: zlib.decompress(c, bufsize=-1), lambda: zlib.decompress(c, bufsize=0), lambda: zlib.decompressobj().decompress(c, -1),
          lambda: zlib.decompressobj().flush(0), lambda: zlib.compressobj(level=10), lambda: zlib.compressobj(method=9),
          lambda: zlib.compressobj(memLevel=0), lambda: zlib.compressobj(strategy=9), lambda: zlib.compressobj(zdict=5),
          lambda: zlib.decompressobj(zdict=5), lambda: zlib.crc32('x'), lambda: zlib.crc32(b'x', -1), lambda: zlib.adler32(b'x', 2**32 + 5),
          lambda: zlib.compress(), lambda: zlib.compress(b'', level='x'), lambda: zlib.crc32(), lambda: zlib.decompress(b''),
          lambda: zlib.decompress(zlib.compress(b'abc', wbits=-15), wbits=-15), lambda: zlib.compress(b'abc', wbits=31)[:3]]:
    show(f)

co = zlib.compressobj()
x = co.compress(b'abc'); y = co.flush(); print(x, y, zlib.decompress(x + y))
for f in [lambda: co.compress(b'x'), lambda: co.flush(), lambda: co.copy(), lambda: co.flush(zlib.Z_NO_FLUSH)]:
    show(f)
d = zlib.decompressobj()
print(d.unused_data, d.unconsumed_tail, d.eof, type(d).__name__, type(co).__name__, type(d).__module__)
print(d.decompress(c + b'tail', 5), d.unconsumed_tail[:5], d.eof, d.unused_data)
print(d.decompress(d.unconsumed_tail), d.eof, d.unused_data)
print(d.decompress(b'more'), d.unused_data, d.flush(), d.eof)
show(lambda: d.copy())
d = zlib.decompressobj(); print(d.decompress(c[:10]), d.flush(), d.eof)
d = zlib.decompressobj(); show(lambda: d.decompress(b'garbage'))
zd = b'hello world'
co = zlib.compressobj(zdict=zd); cc = co.compress(b'hello world hello') + co.flush()
show(lambda: zlib.decompress(cc))
print(zlib.decompressobj(zdict=zd).decompress(cc), zlib.decompressobj(zdict=bytearray(zd)).decompress(cc))
show(lambda: zlib.decompressobj().decompress(cc))
co = zlib.compressobj(wbits=-15, zdict=zd); cr = co.compress(b'hello world!') + co.flush()
print(zlib.decompressobj(wbits=-15, zdict=zd).decompress(cr))
print(zlib.decompressobj().decompress(c, 0) == data)
co = zlib.compressobj(); co.compress(b'a' * 100); c2 = co.copy(); print(co.flush() == c2.flush())
co = zlib.compressobj(); print(co.compress(b'a' * 100) + co.flush(zlib.Z_SYNC_FLUSH), co.flush(zlib.Z_FULL_FLUSH), co.flush(zlib.Z_PARTIAL_FLUSH))
d = zlib.decompressobj(); d.decompress(c[:5]); e = d.copy(); print(d.decompress(c[5:]) == e.decompress(c[5:]))
d = zlib.decompressobj(); d.decompress(c); print(d.copy().eof, d.flush(), d.eof)
show(lambda: d.copy())
# streaming a large input in small pieces with a small output limit
co = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_FILTERED)
parts = [co.compress(big[i:i + 1000]) for i in range(0, len(big), 1000)]
stream = b''.join(parts) + co.flush()
d = zlib.decompressobj()
out = []
buf = stream
while buf:
    out.append(d.decompress(buf, 777))
    buf = d.unconsumed_tail
out.append(d.flush())
print(b''.join(out) == big, d.eof, len(stream))
d = zlib.decompressobj()
print(b''.join(d.decompress(stream[i:i + 100]) for i in range(0, len(stream), 100)) == big, d.eof, d.unused_data)
import copy
co = zlib.compressobj(); co.compress(b'xyz'); print(copy.copy(co).flush() == copy.deepcopy(co).flush())
