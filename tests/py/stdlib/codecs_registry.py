# The codec registry of _codecs: lookup, register/unregister, encode/decode
# and the error handler registry, through codecs and directly.
import codecs
import _codecs

info = codecs.lookup('utf-8')
print(type(info).__name__, info.name, isinstance(info, tuple), len(info))
for name in ['UTF-8', 'utf8', 'Latin 1', 'latin_1', 'ASCII', 'cp1252', 'KOI8-R', 'utf_16_le',
             'U16', 'iso-8859-15', 'mac-roman', 'cp437']:
    print(name, '->', codecs.lookup(name).name)
print(codecs.lookup('utf-8') is codecs.lookup('utf-8'))

for bad in ['nope', 'Foo Bar', '']:
    try:
        codecs.lookup(bad)
    except LookupError as e:
        print(type(e).__name__, e)
for args in [(3,), ()]:
    try:
        _codecs.lookup(*args)
    except TypeError as e:
        print(type(e).__name__, e)

# a search function of our own
seen = []
def search(name):
    seen.append(name)
    if name == 'my_codec':
        return codecs.CodecInfo(lambda s, errors='strict': (s.upper().encode('ascii'), len(s)),
                                lambda b, errors='strict': (bytes(b).decode('ascii').lower(), len(b)),
                                name='my-codec')
    if name == 'bad_tuple':
        return (1, 2)
    if name == 'bad_result':
        return (lambda *a: 1, lambda *a: (1, 2, 3), None, None)
    if name == 'not_bytes':
        return (lambda s, e='strict': (s, len(s)), lambda b, e='strict': (b, len(b)), None, None)
    return None

codecs.register(search)
print(codecs.lookup('My Codec').name, seen)
print(codecs.encode('abc', 'my codec'), codecs.decode(b'XYZ', 'my_codec'))
print('hello'.encode('my_codec'), b'HELLO'.decode('my_codec'))
print(codecs.lookup('MY_CODEC').name, seen)
for name in ['bad_tuple', 'bad_result', 'not_bytes']:
    for f in (codecs.encode, codecs.decode, lambda x, n: 'x'.encode(n),
              lambda x, n: b'x'.decode(n)):
        try:
            print(f('x', name))
        except Exception as e:
            print(name, type(e).__name__, e)
codecs.unregister(search)
codecs.unregister(search)
try:
    codecs.lookup('my_codec')
except LookupError as e:
    print(type(e).__name__, e)
for bad in (3, None):
    try:
        codecs.register(bad)
    except TypeError as e:
        print(type(e).__name__, e)

# encode / decode
print(codecs.encode('h\xe9', 'latin-1'), codecs.decode(b'h\xe9', 'latin-1'))
print(codecs.encode('abc'), codecs.decode(b'abc'))
print(codecs.encode(obj='x', encoding='utf-16-be', errors='strict'))
try:
    codecs.encode('\xe9', 'ascii')
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
print(codecs.encode('a\xe9', 'ascii', 'replace'), codecs.decode(b'a\xff', 'ascii', 'ignore'))
for args in [('x', 'utf-8', 5), ('x', 5), ()]:
    try:
        codecs.encode(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    codecs.decode(b'x', 'nope')
except LookupError as e:
    print(type(e).__name__, e)
# bytes-to-bytes and str-to-str codecs are not text encodings
print(codecs.encode(b'abc', 'hex'), codecs.decode('nop', 'rot13'))
for f in (lambda: 'x'.encode('hex'), lambda: b'x'.decode('rot13')):
    try:
        f()
    except LookupError as e:
        print(type(e).__name__, e)

# error handler registry
for name in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace',
             'namereplace', 'surrogateescape', 'surrogatepass']:
    h = codecs.lookup_error(name)
    print(name, type(h).__name__, h.__name__)
print(codecs.strict_errors is codecs.lookup_error('strict'))
try:
    codecs.lookup_error('nope')
except LookupError as e:
    print(type(e).__name__, e)
for args in [('x', 3), (3, len)]:
    try:
        codecs.register_error(*args)
    except TypeError as e:
        print(type(e).__name__, e)

def stars(exc):
    if isinstance(exc, UnicodeEncodeError):
        return ('*' * (exc.end - exc.start), exc.end)
    return ('<%d-%d>' % (exc.start, exc.end), exc.end)
codecs.register_error('stars', stars)
print(codecs.lookup_error('stars') is stars)
print('a\xe9\u20acb'.encode('ascii', 'stars'), 'a\u20acb'.encode('latin-1', 'stars'))
print('a\u20acb'.encode('cp437', 'stars'), 'a\ud800b'.encode('utf-8', 'stars'))
print(b'a\xff\xfeb'.decode('ascii', 'stars'), b'a\xffb'.decode('utf-8', 'stars'))
print(b'a\x81b'.decode('cp1252', 'stars'), b'a\x00\x00\xd8'.decode('utf-16-le', 'stars'))

def skip_back(exc):
    return ('[%s]' % exc.reason, -1)
codecs.register_error('skip_back', skip_back)
print('ab\xe9cd'.encode('ascii', 'skip_back'))

def bad_pos(exc):
    return ('', 100)
def bad_type(exc):
    return 'x'
def returns_bytes(exc):
    return (b'<B>', exc.end)
def raises(exc):
    raise ValueError('handler failed at %d' % exc.start)
for name, h in [('bad_pos', bad_pos), ('bad_type', bad_type), ('returns_bytes', returns_bytes),
                ('raises', raises)]:
    codecs.register_error(name, h)
    for f in (lambda: 'a\xe9'.encode('ascii', name), lambda: b'a\xff'.decode('ascii', name),
              lambda: b'a\xff'.decode('utf-8', name)):
        try:
            print(name, f())
        except Exception as e:
            print(name, type(e).__name__, e)
try:
    'a\xe9'.encode('ascii', 'no-such-handler')
except LookupError as e:
    print(type(e).__name__, e)
print('abc'.encode('ascii', 'no-such-handler'))

# errors raised inside a codec reached through the registry are wrapped,
# unless they carry more than a message
class HandlerError(Exception):
    pass
class RichError(Exception):
    def __init__(self, msg):
        super().__init__(msg)
codecs.register_error('raise_plain', lambda e: (_ for _ in ()).throw(HandlerError('boom')))
codecs.register_error('raise_rich', lambda e: (_ for _ in ()).throw(RichError('rich')))
codecs.register_error('raise_two', lambda e: (_ for _ in ()).throw(ValueError('a', 'b')))
for f in [lambda: 'a\u0100'.encode('cp1252', 'bogus'), lambda: 'a\u0100'.encode('latin-1', 'bogus'),
          lambda: codecs.encode('a\u0100', 'latin-1', 'bogus'),
          lambda: b'\xff'.decode('utf-16-le', 'bogus'), lambda: b'\xff'.decode('UTF 16', 'bogus'),
          lambda: 'a\u0100'.encode('cp1252', 'raise_plain'),
          lambda: 'a\u0100'.encode('cp1252', 'raise_rich'),
          lambda: 'a\u0100'.encode('cp1252', 'raise_two'),
          lambda: 'a\u0100'.encode('utf-8', 'raise_plain'),
          lambda: b'\x81'.decode('koi8_u', 'xmlcharrefreplace'),
          lambda: codecs.decode(b'\x81', 'cp1252', 'raise_plain')]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e, '| cause:', repr(e.__cause__), e.__suppress_context__)

# empty bytes decode to '' without a lookup; empty str still looks up
print(repr(b''.decode('nope')), repr(bytearray().decode('hex')), repr(str(b'', 'nope')))
try:
    ''.encode('nope')
except LookupError as e:
    print(type(e).__name__, e)
