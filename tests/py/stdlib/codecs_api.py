# Argument errors of _codecs' functions, codecs.iterencode/iterdecode and
# incremental codec state, bytes-like and subclass inputs.
import _codecs, codecs
for f in [lambda: _codecs.utf_8_decode(b'x', final=True), lambda: _codecs.utf_8_encode(s='x'),
          lambda: _codecs.lookup(encoding='x'), lambda: _codecs.charmap_build(), lambda: _codecs.escape_encode(),
          lambda: _codecs.utf_16_ex_decode(b'x', 'strict', 'x'), lambda: _codecs.utf_8_decode(b'x', 'strict', 1.5),
          lambda: _codecs.utf_8_decode(b'x', 'strict', None), lambda: _codecs.lookup('utf-8\0'),
          lambda: _codecs.encode('x', encoding=None), lambda: _codecs.decode(b'x', errors=None),
          lambda: _codecs.register_error('x'), lambda: _codecs.lookup_error(), lambda: codecs.lookup_error(None)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print(list(codecs.iterencode(['a', '\u20ac', 'b'], 'utf-16')))
print(ascii(''.join(codecs.iterdecode([b'\xe2', b'\x82', b'\xac', b'x'], 'utf-8'))))
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE)
print(codecs.getencoder('cp1252')('\u20ac'), codecs.getdecoder('koi8_r')(b'\xd0'))
r = codecs.getincrementalencoder('utf-8-sig')()
print(r.encode('a'), r.encode('b'), r.getstate())
d = codecs.getincrementaldecoder('utf-16')()
print(d.decode(b'\xfe'), d.getstate(), d.decode(b'\xff\x00a'), d.getstate())
print(bytearray(b'caf\xe9').decode('cp1252'), memoryview(b'\xd0').tobytes().decode('koi8-r'))
class B(bytes): pass
print(B(b'\x80').decode('cp1252'), str(B(b'\x80'), 'cp1252', 'strict'))
class S(str): pass
print(S('\u20ac').encode('cp1252'))
print(codecs.lookup('utf-8').incrementalencoder, codecs.lookup('cp1252').streamreader)
