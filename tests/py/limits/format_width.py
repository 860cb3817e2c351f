# Huge widths in format specs must fail at once (MemoryError or ValueError),
# never fill memory one character at a time.
def t(label, f):
    try:
        r = f()
        print(label, "ok", len(r))
    except Exception as e:
        print(label, type(e).__name__, e)

W62 = 1 << 62
W40 = 1 << 40
t("int d", lambda: format(1, "%dd" % W62))
t("int default", lambda: format(1, "%d" % W62))
t("int comma", lambda: format(1, "%d," % W62))
t("int left", lambda: format(-5, "<%d" % W62))
t("int center", lambda: format(5, "*^%d" % W62))
t("int x", lambda: format(255, "#%dx" % W62))
t("int c", lambda: format(65, "%dc" % W62))
t("float f", lambda: format(1.5, "%df" % W62))
t("float e", lambda: format(1.5, "%de" % W62))
t("float g", lambda: format(1.5, "%d" % W62))
t("str", lambda: format("a", "%d" % W62))
t("str fill", lambda: format("a", "\u20ac>%d" % W62))
t("bool", lambda: format(True, "%d" % W62))
t("ssize max", lambda: format(1, "%dd" % ((1 << 63) - 1)))
t("ssize max+1", lambda: format(1, "%dd" % (1 << 63)))
t("too many digits", lambda: format(1, "100000000000000000000d"))
t("float too many", lambda: format(1.0, ".100000000000000000000f"))
t("prec 2**62", lambda: format(1.5, ".%df" % W62))
t("prec 2**31", lambda: format(1.5, ".%de" % (1 << 31)))
t("str prec", lambda: format("abc", ".%d" % W62))
t("int prec", lambda: format(1, ".%dd" % W62))
t("fstring 40", lambda: f"{1:{W40}}")
t("fstring 62", lambda: f"{1:{W62}}")
t("fstring float", lambda: f"{1.5:{W40}}")
t("fstring str", lambda: f"{'x':>{W62}}")
t("str.format", lambda: ("{:>%d}" % W62).format("a"))
t("str.format int", lambda: ("{:%d}" % W62).format(7))
t("str.format nested", lambda: "{:{}}".format(7, W62))
