# Every int -> decimal text path honours the 4300-digit limit (str(x) does);
# hex/octal/binary are not limited.  int() from long decimal text is limited.
def t(label, f):
    try:
        r = f()
        print(label, "ok", len(r) if hasattr(r, "__len__") else r.bit_length())
    except Exception as e:
        print(label, type(e).__name__, e)

x = 10**5000
t("str", lambda: str(x))
t("repr", lambda: repr(x))
t("%d", lambda: "%d" % x)
t("%i", lambda: "%i" % x)
t("%u", lambda: "%u" % x)
t("%d neg", lambda: "%d" % -x)
t("%20d", lambda: "%20d" % x)
t("%.10d", lambda: "%.10d" % x)
t("%s", lambda: "%s" % x)
t("%r", lambda: "%r" % x)
t("%x", lambda: "%x" % x)
t("%X", lambda: "%X" % x)
t("%o", lambda: "%o" % x)
t("b%d", lambda: b"%d" % x)
t("b%x", lambda: b"%x" % x)
t("format d", lambda: format(x, "d"))
t("format empty", lambda: format(x, ""))
t("format n", lambda: format(x, "n"))
t("format ,", lambda: format(x, ","))
t("format _", lambda: format(x, "_"))
t("format 10d", lambda: format(x, "10d"))
t("format -d", lambda: format(-x, "d"))
t("format +,", lambda: format(x, "+,"))
t("format x", lambda: format(x, "x"))
t("format b", lambda: format(x, "b"))
t("format #o", lambda: format(x, "#o"))
t("format _x", lambda: format(x, "_x"))
t("fstring", lambda: f"{x}")
t("fstring d", lambda: f"{x:d}")
t("fstring ,", lambda: f"{x:,}")
t("fstring >6000", lambda: f"{x:>6000}")
t("str.format", lambda: "{:d}".format(x))
t("str.format ,", lambda: "{:,}".format(x))
t("bool", lambda: format(True, "d"))
t("4300 digits", lambda: "%d" % (10**4300 - 1))
t("4301 digits", lambda: "%d" % 10**4300)
t("4300 format", lambda: format(-(10**4300 - 1), ","))
t("4301 format", lambda: format(-(10**4300), ","))
t("int 5000", lambda: int("1" * 5000))
t("int 4300", lambda: int("1" * 4300))
t("int bytes 5000", lambda: int(b"1" * 5000))
t("int hex 5000", lambda: int("1" * 5000, 16))
t("int base 7", lambda: int("1" * 5000, 7))
t("int underscores", lambda: int("1_" * 4400 + "1"))
# The limit is checked on the run of digits before the text after it.
D = "1" * 5000
for s, b in [(D + "x", 10), (D + "__1", 10), ("x" + D, 10), (D + "_", 10), (" " + D + " ", 10),
             ("0" + D, 0), ("0_" + D, 0), (D + ".0", 10), ("-" + D + " x", 10), ("1__" + D, 10),
             (D + "!", 7), ("1" * 4300 + "x", 10), ("1" * 4301 + "x", 10), ("+_" + D, 10),
             ("\u0661" * 5000, 10)]:
    t("int(%r...%r, %d)" % (s[:3], s[-3:], b), lambda: int(s, b))
