# The UTF codec functions of _codecs: (input, errors, final) signatures,
# (result, consumed) results, errors and incremental decoding.
import _codecs
import codecs

def show(f, *args):
    try:
        print(f.__name__, ascii(args), '->', ascii(f(*args)))
    except Exception as e:
        print(f.__name__, ascii(args), '->', type(e).__name__, e)
        if isinstance(e, UnicodeError):
            print('   ', e.encoding, ascii(e.object), e.start, e.end, e.reason)

# UTF-8
show(_codecs.utf_8_encode, 'abc')
show(_codecs.utf_8_encode, 'h\xe9\u20ac\U0001f600')
show(_codecs.utf_8_encode, 'a\ud800\udfffb')
show(_codecs.utf_8_encode, 'a\ud800\udfffb\ud800', 'replace')
show(_codecs.utf_8_encode, 'a\ud800b', 'ignore')
show(_codecs.utf_8_encode, 'a\ud800b', 'surrogatepass')
show(_codecs.utf_8_encode, 'a\udcffb', 'surrogateescape')
show(_codecs.utf_8_encode, 'a\ud800b', 'surrogateescape')
show(_codecs.utf_8_encode, 'a\ud800b', 'backslashreplace')
show(_codecs.utf_8_encode, 'a\ud800b', 'xmlcharrefreplace')
show(_codecs.utf_8_encode, b'x')
show(_codecs.utf_8_encode, 'x', 3)
show(_codecs.utf_8_encode)
show(_codecs.utf_8_encode, 'x', None)
for data in [b'abc', b'h\xc3\xa9', b'\xe2\x82\xac', b'\xf0\x9f\x98\x80', b'a\xe2\x82',
             b'a\xe2', b'a\xf0\x9f\x98', b'a\xff', b'a\x80b', b'\xe2\x28\xa1', b'\xed\xa0\x80',
             b'\xf4\x90\x80\x80', b'\xc0\xaf', b'a\xe2\x82b']:
    show(_codecs.utf_8_decode, data)
    show(_codecs.utf_8_decode, data, 'strict', True)
    show(_codecs.utf_8_decode, data, 'replace', True)
show(_codecs.utf_8_decode, b'a\xffb\xfe', 'ignore', True)
show(_codecs.utf_8_decode, b'a\xffb\xfe', 'backslashreplace', True)
show(_codecs.utf_8_decode, b'a\xff\xfeb', 'surrogateescape', True)
show(_codecs.utf_8_decode, b'a\xed\xa0\x80b', 'surrogatepass', True)
show(_codecs.utf_8_decode, b'a\xed\xa0', 'surrogatepass', True)
show(_codecs.utf_8_decode, bytearray(b'h\xc3\xa9'))
print(ascii(_codecs.utf_8_decode(memoryview(b'h\xc3\xa9'))))
show(_codecs.utf_8_decode, 'str')
show(_codecs.utf_8_decode, b'x', None, False, 1)
show(_codecs.utf_8_decode)

# UTF-16 / UTF-32
for f in [_codecs.utf_16_encode, _codecs.utf_16_le_encode, _codecs.utf_16_be_encode,
          _codecs.utf_32_encode, _codecs.utf_32_le_encode, _codecs.utf_32_be_encode]:
    show(f, 'a\xe9\U0001f600')
    show(f, 'a\ud800\udc00b')
    show(f, 'a\ud800\udc00b', 'replace')
    show(f, 'a\ud800b', 'surrogatepass')
    show(f, 'a\udc80b', 'backslashreplace')
show(_codecs.utf_16_encode, 'ab', 'strict', 1)
show(_codecs.utf_16_encode, 'ab', 'strict', -1)
show(_codecs.utf_32_encode, 'ab', None, 1)

u16 = 'a\xe9\U0001f600'.encode('utf-16-le')
u16be = 'a\xe9\U0001f600'.encode('utf-16-be')
for data in [u16, u16[:-1], u16[:-2], u16[:-3], b'\xff\xfe' + u16, b'\xfe\xff' + u16be, b'\xff',
             b'\xff\xfe', b'a\x00\x00\xdca\x00', b'a\x00\x00\xd8a\x00', b'a\x00\x00\xd8', b'']:
    show(_codecs.utf_16_decode, data)
    show(_codecs.utf_16_decode, data, 'strict', True)
    show(_codecs.utf_16_le_decode, data, 'replace', True)
    show(_codecs.utf_16_be_decode, data, 'backslashreplace', False)
    show(_codecs.utf_16_ex_decode, data)
    show(_codecs.utf_16_ex_decode, data, None, 1, True)
    show(_codecs.utf_16_ex_decode, data, 'ignore', -1, True)
u32 = 'a\xe9\U0001f600'.encode('utf-32-le')
for data in [u32, u32[:-1], u32[:-3], b'\xff\xfe\x00\x00' + u32,
             b'\x00\x00\xfe\xff' + 'ab'.encode('utf-32-be'), b'\x00\xd8\x00\x00',
             b'\x00\x00\x11\x00', b'a\x00\x00\x00\x00\xdc\x00\x00b\x00\x00\x00', b'']:
    show(_codecs.utf_32_decode, data)
    show(_codecs.utf_32_decode, data, 'strict', True)
    show(_codecs.utf_32_le_decode, data, 'replace', True)
    show(_codecs.utf_32_be_decode, data, 'strict', True)
    show(_codecs.utf_32_ex_decode, data)
    show(_codecs.utf_32_ex_decode, data, 'ignore', 1, True)
show(_codecs.utf_32_le_decode, b'\x00\xd8\x00\x00', 'surrogatepass', True)
show(_codecs.utf_16_be_decode, b'\xd8\x00', 'surrogatepass', True)

# str.encode / bytes.decode of the UTF family
text = 'x\xe9\u20ac\U0001f600'
for enc in ['utf-8', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be',
            'utf_8', 'UTF8', 'utf-7', 'U7']:
    b = text.encode(enc)
    print(enc, b, ascii(b.decode(enc)), ascii(str(b, enc)), ascii(bytearray(b).decode(enc)))

# incremental decoding one byte at a time
for enc in ['utf-8', 'utf-16', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-7']:
    data = text.encode(enc)
    d = codecs.getincrementaldecoder(enc)()
    parts = [d.decode(data[i:i + 1]) for i in range(len(data))]
    parts.append(d.decode(b'', final=True))
    print(enc, ascii(parts))
    e = codecs.getincrementalencoder(enc)()
    print(enc, [e.encode(c) for c in text] + [e.encode('', final=True)])
d = codecs.getincrementaldecoder('utf-8')()
print(ascii(d.decode(b'a\xe2\x82')))
try:
    d.decode(b'', final=True)
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
d = codecs.getincrementaldecoder('utf-16')('replace')
print(ascii(d.decode(b'\xff\xfea\x00b')), ascii(d.decode(b'', True)))
