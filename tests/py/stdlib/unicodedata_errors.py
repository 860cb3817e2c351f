# unicodedata: argument errors and messages, defaults, the UCD type.
import unicodedata as u

def t(label, f):
    try:
        print(label, ascii(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

o = u.ucd_3_2_0
for m, mname in ((u, "u"), (o, "o")):
    for fname in ("category", "bidirectional", "combining", "east_asian_width", "mirrored",
                  "decomposition"):
        f = getattr(m, fname)
        t(mname + "." + fname, lambda: f(1))
        t(mname + "." + fname, lambda: f("ab"))
        t(mname + "." + fname, lambda: f(""))
        t(mname + "." + fname, lambda: f())
        t(mname + "." + fname, lambda: f("a", "b"))
        t(mname + "." + fname, lambda: f(chr=" "))
        t(mname + "." + fname, lambda: f("\udc80"))
    for fname, bad in (("decimal", "x"), ("digit", "x"), ("numeric", "x"), ("name", "\x01")):
        f = getattr(m, fname)
        t(mname + "." + fname, lambda: f(bad))
        t(mname + "." + fname, lambda: f(bad, -1))
        t(mname + "." + fname, lambda: f(bad, None))
        t(mname + "." + fname, lambda: f("7"))
        t(mname + "." + fname, lambda: f(7))
        t(mname + "." + fname, lambda: f("77"))
        t(mname + "." + fname, lambda: f())
        t(mname + "." + fname, lambda: f("a", 1, 2))
        t(mname + "." + fname, lambda: f("a", default=1))
    for fname in ("normalize", "is_normalized"):
        f = getattr(m, fname)
        t(mname + "." + fname, lambda: f("NFX", "a"))
        t(mname + "." + fname, lambda: f("nfc", "a"))
        t(mname + "." + fname, lambda: f(b"NFC", "a"))
        t(mname + "." + fname, lambda: f("NFC", b"a"))
        t(mname + "." + fname, lambda: f("NFC"))
        t(mname + "." + fname, lambda: f("NFC", "a", "b"))
        t(mname + "." + fname, lambda: f(form="NFC", unistr="a"))
        t(mname + "." + fname, lambda: f("NFD", "\udc80\u0301"))
    t(mname + ".lookup", lambda: m.lookup())
    t(mname + ".lookup", lambda: m.lookup("SPACE", 1))
    t(mname + ".lookup", lambda: m.lookup(name="SPACE"))

t("UCD()", lambda: u.UCD())
t("UCD", lambda: u.UCD)
t("type", lambda: type(o) is u.UCD)
t("version", lambda: (u.unidata_version, o.unidata_version))
t("setattr", lambda: setattr(o, "unidata_version", "x"))
t("dir", lambda: [n for n in dir(u) if not n.startswith("_")])
t("UCD dir", lambda: [n for n in dir(u.UCD) if not n.startswith("_")])
t("doc", lambda: u.__doc__)
t("name doc", lambda: u.name.__doc__)
t("name", lambda: (u.name.__name__, o.name.__name__))
t("numeric types", lambda: (u.numeric("\u00bd"), u.numeric("\u4e07"), u.numeric("\U0001ecb1"), u.numeric("\u2189")))
t("surrogate lookup", lambda: u.lookup("\udc80"))
t("surrogate lookup", lambda: u.lookup("A\ud800B"))
t("surrogate normalize", lambda: (u.normalize("NFKC", "\ud800\u0301\uff21"), u.name("\ud800", None), u.category("\udfff")))
