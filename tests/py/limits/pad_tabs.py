# center/ljust/rjust/zfill and expandtabs with huge sizes (str and bytes).
def t(label, f):
    try:
        r = f()
        print(label, "ok", len(r))
    except Exception as e:
        print(label, type(e).__name__, e)

W62 = 1 << 62
for name in ("center", "ljust", "rjust"):
    t("str " + name, lambda: getattr("ab", name)(W62))
    t("str fill " + name, lambda: getattr("ab", name)(W62, "\u20ac"))
    t("str 63 " + name, lambda: getattr("ab", name)(1 << 63))
    t("str neg " + name, lambda: getattr("ab", name)(-W62))
    t("bytes " + name, lambda: getattr(b"ab", name)(W62))
    t("bytes 63 " + name, lambda: getattr(b"ab", name)(1 << 63))
    t("bytes neg " + name, lambda: getattr(b"ab", name)(-W62))
t("str zfill", lambda: "-1".zfill(W62))
t("str zfill 63", lambda: "-1".zfill(1 << 63))
t("bytes zfill", lambda: b"-1".zfill(W62))
t("bytes zfill 63", lambda: b"-1".zfill(1 << 63))
t("str zfill max", lambda: "".zfill((1 << 63) - 1))
t("str ljust max", lambda: "x".ljust((1 << 63) - 1, "\u20ac"))
t("str center max", lambda: "x".center((1 << 63) - 1, "\U0001f600"))
for size in (1 << 31, 1 << 40, W62, 1 << 63, -(1 << 31), -(1 << 40)):
    t("str expandtabs %d" % size, lambda: "a\tb".expandtabs(size))
    t("bytes expandtabs %d" % size, lambda: b"a\tb".expandtabs(size))
    t("no tab expandtabs %d" % size, lambda: "ab".expandtabs(size))
t("expandtabs kw", lambda: "a\tb".expandtabs(tabsize=W62))
t("expandtabs big ok", lambda: "a\tb\n\tc".expandtabs((1 << 31) - 1 - (1 << 31) + 100))
t("expandtabs neg", lambda: "a\tb".expandtabs(-3))
t("bytes expandtabs neg", lambda: b"a\tb".expandtabs(-3))
