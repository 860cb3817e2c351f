# _bz2 directly: round trips, incremental decompression with max_length,
# needs_input / eof / unused_data, multi-stream via bz2, errors.
import _bz2
import bz2


def t(label, f):
    try:
        r = f()
        if isinstance(r, bytes) and len(r) > 60:
            r = ('bytes', len(r), r[:20])
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


data = b''.join(bytes([i % 251]) * (i % 7 + 1) for i in range(20000))
for level in (1, 5, 9):
    c = _bz2.BZ2Compressor(level)
    parts = [c.compress(data[i:i + 3000]) for i in range(0, len(data), 3000)]
    parts.append(c.flush())
    z = b''.join(parts)
    print('level', level, z[:4], bz2.decompress(z) == data)
print(bz2.compress(b'hello' * 100))
print(bz2.decompress(bz2.compress(b'')))
print(bz2.compress(b'', 1))

# incremental decompression with max_length
z = bz2.compress(data)
d = _bz2.BZ2Decompressor()
print('fresh', d.eof, d.needs_input, d.unused_data)
out = []
r = d.decompress(z[:100], 10)
print(len(r), d.eof, d.needs_input)
out.append(r)
r = d.decompress(z[100:], 5000)
print(len(r), d.eof, d.needs_input)
out.append(r)
while not d.eof:
    r = d.decompress(b'', 7000)
    print(len(r), d.eof, d.needs_input)
    out.append(r)
print(b''.join(out) == data)
t('after eof', lambda: d.decompress(b'x'))

d = _bz2.BZ2Decompressor()
r = d.decompress(z, 0)
print('max0', len(r), d.eof, d.needs_input)
r = d.decompress(b'', -5)
print('neg', len(r), d.eof, d.needs_input, r == data)

# byte at a time
d = _bz2.BZ2Decompressor()
out = [d.decompress(z[i:i + 1]) for i in range(len(z))]
print('bytewise', b''.join(out) == data, d.eof, d.needs_input)

# exact max_length
d = _bz2.BZ2Decompressor()
r = d.decompress(z, len(data))
print('exact', len(r), d.eof, d.needs_input, d.unused_data)

# unused data and multi-stream
z2 = bz2.compress(b'second')
d = _bz2.BZ2Decompressor()
print(d.decompress(z2 + b'trailing junk'), d.eof, d.unused_data, d.needs_input)
t('eof', lambda: d.decompress(b''))
print(bz2.decompress(z2 + z2 + z2))
t('trailing junk', lambda: bz2.decompress(z2 + b'junk'))
t('truncated', lambda: bz2.decompress(z2[:-3]))
t('truncated 2nd', lambda: bz2.decompress(z2 + z2[:-3]))
t('bad magic', lambda: bz2.decompress(b'BZh9' + b'\0' * 20))
t('empty', lambda: bz2.decompress(b''))

# argument and state errors
t('level0', lambda: _bz2.BZ2Compressor(0))
t('level10', lambda: _bz2.BZ2Compressor(10))
t('level-1', lambda: _bz2.BZ2Compressor(-1))
t('levelbig', lambda: _bz2.BZ2Compressor(2 ** 70))
t('levelstr', lambda: _bz2.BZ2Compressor('a'))
t('levelfloat', lambda: _bz2.BZ2Compressor(1.5))
t('levelkw', lambda: _bz2.BZ2Compressor(compresslevel=3))
t('level2args', lambda: _bz2.BZ2Compressor(1, 2))
t('levelbool', lambda: type(_bz2.BZ2Compressor(True)).__name__)
c = _bz2.BZ2Compressor()
t('compress str', lambda: c.compress('x'))
t('compress none', lambda: c.compress())
t('flush arg', lambda: c.flush(1))
t('compress mv', lambda: c.compress(memoryview(b'abc')))
t('compress ba', lambda: c.compress(bytearray(b'abc')))
t('flush', lambda: bz2.decompress(c.flush()))
t('flush again', lambda: c.flush())
t('compress after', lambda: c.compress(b'abc'))
t('dec pos', lambda: _bz2.BZ2Decompressor(1))
t('dec kw', lambda: _bz2.BZ2Decompressor(x=1))
d = _bz2.BZ2Decompressor()
t('dec str', lambda: d.decompress('x'))
t('dec maxlen str', lambda: d.decompress(b'', 'a'))
t('dec maxlen none', lambda: d.decompress(b'', None))
t('dec maxlen big', lambda: d.decompress(b'', 2 ** 70))
t('dec noargs', lambda: d.decompress())
t('dec 3 args', lambda: d.decompress(b'', 1, 2))
t('dec badkw', lambda: d.decompress(b'', foo=2))
t('dec kw ok', lambda: d.decompress(data=b'', max_length=3))
t('garbage', lambda: d.decompress(b'garbage'))
print(d.eof, d.needs_input, d.unused_data)
t('unusable', lambda: d.decompress(b''))
d = _bz2.BZ2Decompressor()
t('bad block', lambda: d.decompress(b'BZh9garbage'))
t('unusable 2', lambda: d.decompress(z))
t('setattr', lambda: setattr(_bz2.BZ2Decompressor(), 'eof', 1))
t('subclass', lambda: type('S', (_bz2.BZ2Compressor,), {}))
print(_bz2.BZ2Compressor.__name__, _bz2.BZ2Decompressor.__module__)
