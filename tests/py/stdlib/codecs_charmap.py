# Charmap codecs (cp1252, koi8_r, cp437, mac_roman, iso8859_*) through
# str.encode / bytes.decode, and _codecs.charmap_* directly.
import _codecs
import codecs

text = 'caf\xe9 \u20ac \u201cquoted\u201d'
for enc in ['cp1252', 'windows-1252', 'latin-1', 'iso8859_15', 'iso-8859-2', 'cp850', 'mac_roman']:
    try:
        b = text.encode(enc)
        print(enc, b, ascii(b.decode(enc)))
    except UnicodeEncodeError as e:
        print(enc, type(e).__name__, e, e.encoding, e.start, e.end, e.reason)
        print(enc, text.encode(enc, 'replace'), text.encode(enc, 'ignore'),
              text.encode(enc, 'xmlcharrefreplace'), text.encode(enc, 'backslashreplace'))

ru = '\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!'
for enc in ['koi8_r', 'koi8-u', 'cp1251', 'cp866', 'iso8859_5', 'mac_cyrillic']:
    b = ru.encode(enc)
    print(enc, b, ascii(b.decode(enc)))
print(ascii(bytes(range(128, 256)).decode('cp437')))
print(ascii(bytes(range(128, 256)).decode('koi8_r')))
print(ascii(bytes(range(128, 256)).decode('cp1252', 'replace')))
try:
    b'a\x81b'.decode('cp1252')
except UnicodeDecodeError as e:
    print(type(e).__name__, e, e.encoding, e.object, e.start, e.end, e.reason)
print(ascii(b'a\x81\x8db'.decode('cp1252', 'backslashreplace')),
      ascii(b'a\x81b'.decode('cp1252', 'surrogateescape')))
print('a\udc81b'.encode('cp1252', 'surrogateescape'))
try:
    'a\u0100\u0101b\u0102'.encode('cp1252')
except UnicodeEncodeError as e:
    print(type(e).__name__, e, e.start, e.end)

# charmap_* directly
table = 'abc\ufffed'
print(_codecs.charmap_decode(b'\x00\x01\x02\x04'))
print(_codecs.charmap_decode(b'\x00\x01\x02\x04', 'strict', table))
print(ascii(_codecs.charmap_decode(b'\x00\x03\x09', 'replace', table)))
for mapping in [{0: 'x', 1: 0x263a, 2: None, 3: 'long'}, [65, 'B', None, 'cd']]:
    for data in [b'\x00\x01', b'\x00\x03', b'\x02', b'\x07']:
        try:
            print(ascii(_codecs.charmap_decode(data, 'strict', mapping)))
        except Exception as e:
            print(type(e).__name__, e)
for mapping in [{0: 0x110000}, {0: 1.5}, {0: -1}]:
    try:
        _codecs.charmap_decode(b'\x00', 'strict', mapping)
    except Exception as e:
        print(type(e).__name__, e)
m = _codecs.charmap_build('abc\u20ac')
print(type(m).__name__, sorted(m.items()))
print(_codecs.charmap_encode('cab\u20ac', 'strict', m))
print(_codecs.charmap_encode('h\xe9'), _codecs.charmap_encode('h\xe9', None, None))
print(_codecs.charmap_encode('ab', 'strict', {97: b'XY', 98: 66}))
for mapping in [{97: 300}, {97: 'x'}, {}, {97: None}]:
    try:
        print(_codecs.charmap_encode('ab', 'strict', mapping))
    except Exception as e:
        print(type(e).__name__, e)
print(_codecs.charmap_encode('xaz', 'replace', {97: 65, ord('?'): 63}))
try:
    _codecs.charmap_encode('xaz', 'replace', {97: 65})
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
print(_codecs.charmap_encode('x\xe9\u20acz', 'xmlcharrefreplace', _codecs.charmap_build(
    ''.join(map(chr, range(128))))))
try:
    _codecs.charmap_build(3)
except TypeError as e:
    print(type(e).__name__, e)

# a codec module of our own, built from a decoding table the way
# encodings/cp*.py are
decoding_table = ''.join(chr(i) for i in range(128)) + '\u0410\u0411\u0412' + '\ufffe' * 125
encoding_table = codecs.charmap_build(decoding_table)
print(codecs.charmap_encode('AB\u0411', 'strict', encoding_table))
print(ascii(codecs.charmap_decode(b'AB\x81\x82', 'strict', decoding_table)))
