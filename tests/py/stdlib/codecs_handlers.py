# The built-in error handlers, called directly and through codecs.
import codecs

enc = UnicodeEncodeError('ascii', 'a\xe9\u20ac\U0001f600\udc80z', 1, 5, 'bad')
dec = UnicodeDecodeError('utf-8', b'a\xff\xfe\x80z', 1, 4, 'bad')
for name in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace',
             'surrogateescape', 'surrogatepass']:
    h = codecs.lookup_error(name)
    for exc in [enc, dec, ValueError('x'), 'not an exception']:
        try:
            print(name, ascii(h(exc)))
        except Exception as e:
            print(name, type(e).__name__, ascii(str(e)))
    try:
        h()
    except TypeError as e:
        print(name, type(e).__name__, e)

# start/end clamping and odd attributes
h = codecs.lookup_error('replace')
print(h(UnicodeEncodeError('ascii', 'abc', -5, 1, 'r')), h(UnicodeEncodeError('ascii', 'abc', 1, 99, 'r')))
print(h(UnicodeDecodeError('ascii', b'abc', 7, 0, 'r')))
print(codecs.lookup_error('backslashreplace')(UnicodeDecodeError('ascii', b'\x01\xff', 0, 2, 'r')))

# surrogateescape: only bytes >= 128, at most 4 at a time
se = codecs.lookup_error('surrogateescape')
print(ascii(se(UnicodeDecodeError('utf-8', b'\x80\x81\x82\x83\x84\x85', 0, 6, 'r'))))
print(ascii(se(UnicodeDecodeError('utf-8', b'\x80\x81a\x83', 0, 4, 'r'))))
try:
    se(UnicodeDecodeError('utf-8', b'a\x80', 0, 2, 'r'))
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    se(UnicodeEncodeError('utf-8', 'a\udc80\u0100', 1, 3, 'r'))
except UnicodeEncodeError as e:
    print(type(e).__name__, e)

# surrogatepass depends on the encoding
sp = codecs.lookup_error('surrogatepass')
for e in ['utf-8', 'UTF8', 'utf-16', 'utf-16-le', 'utf_16_be', 'utf-32', 'utf-32-be', 'latin-1']:
    try:
        print(e, sp(UnicodeEncodeError(e, 'a\ud800\udfff', 1, 3, 'r')))
    except UnicodeEncodeError as x:
        print(e, type(x).__name__, x)
for e, data in [('utf-8', b'\xed\xa0\x80'), ('utf-16-le', b'\x00\xd8'), ('utf-16-be', b'\xd8\x00'),
                ('utf-32', b'\x00\xd8\x00\x00'), ('utf-8', b'abc'), ('ascii', b'\xed\xa0\x80')]:
    try:
        print(e, ascii(sp(UnicodeDecodeError(e, data, 0, 1, 'r'))))
    except UnicodeDecodeError as x:
        print(e, type(x).__name__, x)

# the handlers through the codecs
text = 'a\xe9\u20ac\U0001f600'
for name in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace']:
    for enc_ in ['ascii', 'latin-1', 'cp1252', 'koi8_r']:
        try:
            print(name, enc_, text.encode(enc_, name))
        except UnicodeEncodeError as e:
            print(name, enc_, type(e).__name__, e)
data = b'a\xe9\x80\xff'
for name in ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape']:
    for enc_ in ['ascii', 'utf-8', 'cp1252', 'utf-16-le']:
        try:
            print(name, enc_, ascii(data.decode(enc_, name)))
        except UnicodeDecodeError as e:
            print(name, enc_, type(e).__name__, e)
try:
    b'\xff'.decode('ascii', 'xmlcharrefreplace')
except TypeError as e:
    print(type(e).__name__, e)
print(ascii(b'a\xed\xb2\x80'.decode('utf-8', 'surrogatepass')), 'a\udc80'.encode('utf-16', 'surrogatepass'))
print('a\udc80'.encode('ascii', 'surrogateescape'), ascii(b'a\x80'.decode('ascii', 'surrogateescape')))

# what the UTF encoders accept from a handler: ASCII text, whole code units
codecs.register_error('euro', lambda e: ('\u20ac', e.end))
codecs.register_error('odd', lambda e: (b'xyz', e.end))
codecs.register_error('even', lambda e: (b'wxyz', e.end))
for enc_ in ['utf-8', 'utf-16-le', 'utf-32', 'latin-1', 'cp1252']:
    for h in ['euro', 'odd', 'even', 'surrogateescape', 'backslashreplace']:
        try:
            print(enc_, h, 'a\udc80\udc81b'.encode(enc_, h))
        except UnicodeEncodeError as e:
            print(enc_, h, type(e).__name__, e)
