# Every codec family x every built-in error handler x inputs with errors,
# through str.encode, bytes.decode and incremental decoders (one byte at a
# time), compared with CPython.
import codecs
encs = ['utf-8','utf-16','utf-16-le','utf-16-be','utf-32','utf-32-be','ascii','latin-1','cp1252','koi8_r','cp437','utf-7','unicode_escape','raw_unicode_escape','iso8859_7','mac_greek','cp855', 'cp1250', 'charmap', 'utf_8_sig', 'undefined', 'cp037', 'mac_arabic', 'cp1125', 'tis_620']
handlers = ['strict','ignore','replace','backslashreplace','xmlcharrefreplace','surrogateescape','surrogatepass','namereplace_x']
texts = ['', 'abc', 'a\xe9\xff', '\u0100\u20ac', '\U0001f600z', 'a\ud800b', '\udc80\udcff', 'x\x00\x7f\x80', '\u03b1\u03b2\u0416']
datas = [b'', b'abc', b'a\xe9\xff', b'\x80\x81\x8d\x90', b'\xed\xa0\x80', b'\xff\xfe\x00', b'\x00\xd8a\x00', b'+AGE-+ZeV', b'\\u20ac\\x4', b'\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80', b'\xf0\x9f\x98']
for e in encs:
    for h in handlers:
        if h == 'namereplace_x': continue
        for t in texts:
            try: r = ascii(t.encode(e, h))
            except Exception as x: r = type(x).__name__ + ' ' + ascii(str(x))
            print('E', e, h, ascii(t), r)
        for d in datas:
            try: r = ascii(d.decode(e, h))
            except Exception as x: r = type(x).__name__ + ' ' + ascii(str(x))
            print('D', e, h, d, r)
        for d in datas:
            dec = codecs.getincrementaldecoder(e)(h)
            out = []
            try:
                for i in range(len(d)): out.append(dec.decode(d[i:i+1]))
                out.append(dec.decode(b'', True))
                r = ascii(out)
            except Exception as x: r = ascii(out) + type(x).__name__ + ' ' + ascii(str(x))
            print('I', e, h, d, r)
