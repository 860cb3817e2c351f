# marshal over the data types: round trips at every version, CPython's bytes
# decoded (written here as literals produced by CPython 3.11's marshal), and
# the errors for unmarshallable objects, bad and short data.
import marshal

values = [None, True, False, Ellipsis, StopIteration, 0, -1, 2**31 - 1, -2**31,
          2**31, -2**40, 12345678901234567890123, 1.5, -0.0, float('inf'), 1e300,
          3 + 4j, '', 'abc', 'é€𝄞', 'x' * 300, b'', b'\x00\xff', bytearray(b'ba'),
          (), (1, 'a'), tuple(range(300)), [1, [2, [3]]], {'k': [1, 2], 3: None},
          {1, 2, 3}, frozenset({'a'}), [(), [], {}]]
for ver in range(5):
    for v in values:
        out = marshal.loads(marshal.dumps(v, ver))
        expect = bytes(v) if isinstance(v, bytearray) else v
        if out != expect or type(out) is not type(expect):
            print('MISMATCH', ver, repr(v)[:40], repr(out)[:40])
print('round trips done')

shared = [1, 2]
pair = marshal.loads(marshal.dumps([shared, shared]))
print(pair, pair[0] is pair[1])

cpython_bytes = [
    b'\xdb\x03\x00\x00\x00\xe9\x02\x00\x00\x00\xe9\x01\x00\x00\x00\xda\x01a',
    b'\xfb\xda\x01a\xe9\x01\x00\x00\x00\xda\x01b\xe9\x02\x00\x00\x000',
    b'\xec\x03\x00\x00\x00\x00\x00\x00\x00\x00\x04',
    b'\xe7\x00\x00\x00\x00\x00\x00\xf8?',
    b'\xa9\x03\xe9\x01\x00\x00\x00N\xf5\x03\x00\x00\x00\xc3\xa9!',
    b'\xbc\x02\x00\x00\x00\xe9\x01\x00\x00\x00\xe9\x02\x00\x00\x00',
]
for b in cpython_bytes:
    print(repr(marshal.loads(b)))

for bad in [object(), print]:
    try:
        marshal.dumps(bad)
    except ValueError as e:
        print(type(e).__name__, e)
for data in [b'', b'i\x01', b'?', b'(\x05\x00\x00\x00N']:
    try:
        marshal.loads(data)
    except (EOFError, ValueError) as e:
        print(type(e).__name__, e)
print(marshal.version)
