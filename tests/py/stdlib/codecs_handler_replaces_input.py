# A decoding error handler that replaces exc.object: the decoder goes on in
# the new bytes (CPython's rule), a non-bytes object is a TypeError; the
# decoder used to retry the old input forever.
import codecs
def t(f):
    try: print(ascii(f()))
    except Exception as e: print(type(e).__name__, e)
def h42(e):
    e.object = 42; return ('x', 0)
codecs.register_error('h42', h42)
def hempty(e):
    if isinstance(e, UnicodeDecodeError):
        e.object = b""; return ("\u4242", 0)
    raise TypeError("no")
codecs.register_error('hempty', hempty)
def hnew(e):
    e.object = b'ab\xffcd'; return ('X', 3)
codecs.register_error('hnew', hnew)
def hlong(e):
    e.object = b"\x00" * 8; return ('\ufffd', e.start)
codecs.register_error('hlong', hlong)
def hba(e):
    e.object = bytearray(b"zz"); return ('Q', 0)
codecs.register_error('hba', hba)
def hbad(e):
    e.object = b"ab"; return ('Q', 5)
codecs.register_error('hbad', hbad)
bad = [("ascii", b"\xff"), ("utf-7", b"++"), ("utf-8", b"\xff"), ("utf-16", b"\xff"), ("utf-32", b"\xff"),
       ("unicode-escape", b"\\u123g"), ("raw-unicode-escape", b"\\u123g"), ("charmap", b"\xff"), ("latin-1", b"\xff")]
for enc, d in bad:
    print(enc)
    t(lambda: type(d.decode(enc, 'h42')).__name__)
    t(lambda: d.decode(enc, 'hempty'))
    t(lambda: d.decode(enc, 'hba'))
    t(lambda: d.decode(enc, 'hbad'))
for enc, d in [('ascii', b'\xff'), ('utf-8', b'q\xff'), ('utf-16-le', b'\x00\xd8'), ('unicode-escape', b'\\u123g'), ('utf-7', b'++')]:
    t(lambda: d.decode(enc, 'hnew'))
t(lambda: codecs.utf_8_decode(b'q\xff', 'hnew', True))
t(lambda: codecs.utf_8_decode(b'q\xff', 'hempty', True))
t(lambda: codecs.ascii_decode(b'q\xff', 'hnew'))
for enc in ['utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be']:
    t(lambda: b"\xd8\xd8\xd8\xd8\xd8\x00\x00\x00\x00\x00".decode(enc, 'hlong'))
t(lambda: codecs.utf_8_decode(b'q\xff', 'hnew', False))
t(lambda: codecs.utf_8_decode(b'q\xffzz', 'hempty', False))
t(lambda: codecs.utf_16_le_decode(b'\x00\xd8\x00\x00', 'hnew', False))
t(lambda: codecs.utf_16_ex_decode(b'\x00\xd8\x00\x00', 'hnew', 0, True))
t(lambda: codecs.utf_7_decode(b'++', 'hnew', False))
t(lambda: codecs.charmap_decode(b'\xffq', 'hempty', "ab"))
import io
t(lambda: io.TextIOWrapper(io.BytesIO(b'a\xffb'), encoding='utf-8', errors='hempty').read())
