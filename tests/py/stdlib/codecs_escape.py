# unicode_escape, raw_unicode_escape, escape_encode/decode, readbuffer_encode
# and utf-7, with errors and final=False.
import _codecs
import codecs

def show(f, *args):
    try:
        print(f.__name__, ascii(args), '->', ascii(f(*args)))
    except Exception as e:
        print(f.__name__, ascii(args), '->', type(e).__name__, e)
        if isinstance(e, UnicodeError):
            print('   ', e.encoding, ascii(e.object), e.start, e.end, e.reason)

for s in ['abc', 'a\tb\nc\rd\\e\'f"g', '\x00\x1f\x7f\x80\xff', '\u0100\u20ac\U0001f600', '']:
    show(_codecs.unicode_escape_encode, s)
    show(_codecs.raw_unicode_escape_encode, s)
show(_codecs.unicode_escape_encode, b'x')

for data in [b'abc', b'a\\tb\\nc\\\\d', b'\\x41\\u20ac\\U0001f600', b'\\101\\7\\08',
             b'\\', b'a\\x4', b'a\\x4g', b'\\u12', b'\\u12g4', b'\\U0011ffff', b'\\U0001f60',
             b'\\N', b'\\N{', b'\\N{LATIN', b'\\Nx', b'\\N{}', b'\\N{EURO SIGN}\\N{digit one}', b'line\\\ncont', b'\xe9\xff',
             b'\\\'\\"\\a\\b\\f\\v', 'str\\t\xe9']:
    show(_codecs.unicode_escape_decode, data)
    show(_codecs.unicode_escape_decode, data, 'strict', False)
    show(_codecs.unicode_escape_decode, data, 'replace')
    show(_codecs.unicode_escape_decode, data, 'backslashreplace', True)
for data in [b'abc', b'\\u20ac\\U0001f600', b'\\\\u20ac', b'\\t\\x41', b'a\\', b'\\u12',
             b'\\u12x', b'\\U00110000', b'\\U0001f60', b'\xe9', 'x\\u0041']:
    show(_codecs.raw_unicode_escape_decode, data)
    show(_codecs.raw_unicode_escape_decode, data, 'strict', False)
    show(_codecs.raw_unicode_escape_decode, data, 'ignore')
print(ascii('a\u20ac\n'.encode('unicode_escape').decode('unicode_escape')))
print('a\u20ac\n\\'.encode('raw_unicode_escape'), ascii(b'a\\u20ac'.decode('raw-unicode-escape')))
d = codecs.getincrementaldecoder('unicode_escape')()
print([ascii(d.decode(bytes([c]))) for c in b'a\\u20acb\\x41'] + [ascii(d.decode(b'', True))])

# bytes escapes
for data in [b'abc', b'\'"\\\t\n\r\x00\x7f\x80\xff', b'']:
    show(_codecs.escape_encode, data)
show(_codecs.escape_encode, 'str')
show(_codecs.escape_encode, bytearray(b'x'))
for data in [b'abc', b'a\\tb\\n\\x41\\101\\\\', b'\\x4g', b'\\x', b'ab\\', 'str\\x41\xe9',
             b'\\\nx', b'\\\'\\"\\a\\b\\f\\v\\0']:
    show(_codecs.escape_decode, data)
    show(_codecs.escape_decode, data, 'replace')
    show(_codecs.escape_decode, data, 'ignore')
show(_codecs.escape_decode, b'\\x4', 'bogus')
show(_codecs.escape_decode, bytearray(b'\\x41'))

show(_codecs.readbuffer_encode, b'abc')
show(_codecs.readbuffer_encode, 'h\xe9')
show(_codecs.readbuffer_encode, bytearray(b'xy'), 'strict')
show(_codecs.readbuffer_encode, 3)

# UTF-7
for s in ['abc', 'a+b', 'A\u2262\u0391.', 'Hi Mom -\u263a-!', '\u65e5\u672c\u8a9e', '~\\',
          '\U0001f600x', 'a\ud800b', '\x00', ' \t\r\n-_=*', '']:
    show(_codecs.utf_7_encode, s)
for data in [b'abc', b'a+-b', b'A+ImIDkQ.', b'Hi Mom -+Jjo--!', b'+ZeVnLIqe-', b'+AGE',
             b'+AGEA', b'+AG', b'+AGE-', b'+AGEx', b'a+\xff', b'a\xffb', b'+2D3eAA-',
             b'+2D0-', b'+2D3cAA', b'+AG-', b'+AGF-', b'+', b'a+']:
    show(_codecs.utf_7_decode, data)
    show(_codecs.utf_7_decode, data, 'strict', True)
    show(_codecs.utf_7_decode, data, 'replace', True)
print('\u20ac+x'.encode('utf-7'), ascii(b'+IKw-+-x'.decode('utf7')))
