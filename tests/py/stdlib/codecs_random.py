# Pseudo-random inputs (a fixed LCG) through every _codecs codec function
# with every built-in error handler and both values of final.
import _codecs
seed = 12345
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n
alphabet = b'ab+-\\xuUN{}0123456789AZaz/\x00\x7f\x80\xc3\xa9\xe2\x82\xac\xed\xa0\xf0\x9f\x98\xff\xfe\xd8\xdc'
chars = 'ab+-\\~ \t\n\x00\x7f\x80\xe9\xff\u0100\u20ac\ud800\udc80\udfff\U0001f600'
decs = ['utf_7_decode','utf_8_decode','utf_16_decode','utf_16_le_decode','utf_16_be_decode','utf_32_decode','utf_32_le_decode','utf_32_be_decode','unicode_escape_decode','raw_unicode_escape_decode','latin_1_decode','ascii_decode','escape_decode','charmap_decode']
encs = ['utf_7_encode','utf_8_encode','utf_16_encode','utf_16_le_encode','utf_16_be_encode','utf_32_encode','utf_32_le_encode','utf_32_be_encode','unicode_escape_encode','raw_unicode_escape_encode','latin_1_encode','ascii_encode','charmap_encode']
errs = ['strict','ignore','replace','backslashreplace','surrogateescape','surrogatepass']
for it in range(3000):
    n = rnd(12)
    data = bytes(alphabet[rnd(len(alphabet))] for _ in range(n))
    f = decs[rnd(len(decs))]
    e = errs[rnd(len(errs))]
    args = [data, e]
    if f not in ('latin_1_decode','ascii_decode','escape_decode','charmap_decode'):
        args.append(rnd(2) == 1)
    try: r = ascii(getattr(_codecs, f)(*args))
    except Exception as x: r = type(x).__name__ + ascii(str(x))
    print(f, data, args[1:], r)
    t = ''.join(chars[rnd(len(chars))] for _ in range(n))
    f = encs[rnd(len(encs))]
    try: r = ascii(getattr(_codecs, f)(t, e))
    except Exception as x: r = type(x).__name__ + ascii(str(x))
    print(f, ascii(t), e, r)
for it in range(500):
    n = rnd(12)
    data = bytes(alphabet[rnd(len(alphabet))] for _ in range(n))
    for f in ['utf_16_ex_decode', 'utf_32_ex_decode']:
        args = [data, errs[rnd(3)], rnd(3) - 1, rnd(2) == 1]
        try: r = ascii(getattr(_codecs, f)(*args))
        except Exception as x: r = type(x).__name__ + ascii(str(x))
        print(f, data, args[1:], r)
