# Threads start at once on a fresh process's unicodedata: the first name
# lookups race to build the name index (built once, then read-only), while
# others normalize and read properties of the shared ucd_3_2_0 object and
# the module.  Every answer must be the one a single thread gets.
import threading
import unicodedata as u

N = 8
ROUNDS = 300
start = threading.Barrier(N)
errors = []
CPS = [0x41, 0xE9, 0x2014, 0x2603, 0x1F600, 0xAC01, 0x4E00, 0x1D7CE, 0x0301, 0xFB01]


def work(k):
    start.wait()
    o = u.ucd_3_2_0
    for i in range(ROUNDS):
        cp = CPS[(i + k) % len(CPS)]
        ch = chr(cp)
        n = u.name(ch)
        computed = n.startswith(("CJK UNIFIED", "HANGUL SYLLABLE"))
        if u.lookup(n) != ch or u.lookup(n if computed else n.lower()) != ch:
            errors.append(("lookup", k, n))
        if eval('"\\N{%s}"' % n) != ch:
            errors.append(("escape", k, n))
        s = "e\u0301\uac00\u11a8" + ch
        if u.normalize("NFD", u.normalize("NFC", s)) != u.normalize("NFD", s):
            errors.append(("normalize", k, cp))
        if o.category("\u0221") != "Cn" or u.category("\u0221") != "Ll":
            errors.append(("category", k))
        if "b\xfccher.example".encode("idna") != b"xn--bcher-kva.example":
            errors.append(("idna", k))
        if u.lookup("BOM") != "\ufeff" or u.lookup("KEYCAP NUMBER SIGN") != "#\ufe0f\u20e3":
            errors.append(("alias", k))


threads = [threading.Thread(target=work, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not errors, errors[:5]
print("ok unicodedata_threads")
