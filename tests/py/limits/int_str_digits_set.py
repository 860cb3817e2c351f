# sys.set_int_max_str_digits changes the one limit every int <-> decimal
# text path reads (str, %d, format, f-strings, int()).
import sys

def t(label, f):
    try:
        r = f()
        print(label, "ok", len(r) if hasattr(r, "__len__") else r.bit_length())
    except Exception as e:
        print(label, type(e).__name__, e)

x = 10**5000
print(sys.get_int_max_str_digits())
for a in [(), (639,), (-1,), (1 << 31,), (1.0,), ("x",)]:
    t("set %r" % (a,), lambda: str(sys.set_int_max_str_digits(*a)))
t("get arg", lambda: sys.get_int_max_str_digits(1))
sys.set_int_max_str_digits(maxdigits=6000)
print(sys.get_int_max_str_digits())
for label, f in [("str", lambda: str(x)), ("%d", lambda: "%d" % x), ("format", lambda: format(x, ",")),
                 ("fstring", lambda: f"{x:d}"), ("int", lambda: int("1" * 5000)),
                 ("too many", lambda: "%d" % 10**6000), ("int too many", lambda: int("1" * 6001))]:
    t("6000 " + label, f)
sys.set_int_max_str_digits(0)
t("unlimited %d", lambda: "%d" % 10**7000)
t("unlimited format", lambda: format(10**7000, "_"))
t("unlimited int", lambda: int("1" * 7000))
sys.set_int_max_str_digits(640)
t("640 ok", lambda: "%d" % (10**640 - 1))
t("640 over", lambda: format(10**640, "d"))
sys.set_int_max_str_digits(4300)
t("again %d", lambda: "%d" % x)
