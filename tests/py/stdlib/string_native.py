import _string

cases = ["", "abc", "{}", "{0}", "a{b}c", "{{", "}}", "a{{b}}c", "{a!r}", "{a!r:>10}",
         "{a:{b}}", "{a:{b}x}", "{0[x]}", "{0[}]}", "{a.b[c]}", "x{!s}", "{:}", "{!r}",
         "{a!}", "{a!rx}", "{", "}", "a}b", "{a", "{a:", "{a!", "{a!r", "{a{b}", "{a[b",
         "{a:{b}", "{a:{{}}}", "é{é!é:é}", "{0!r}{1:>{2}}tail", "{a}}", "{[}"]
for s in cases:
    try:
        print(repr(s), list(_string.formatter_parser(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e)

names = ["", "a", "0", "12", "a.b", "a[0]", "a[x].y", "0.real[1][k]", "a.", "a[", "a[0]x",
         "a..b", "a[]", "x[0]", "99999999999999999999999", "a[99999999999999999999999]",
         ".a", "[0]", "٣", "a[٣]", "a[-1]", "a[ 1]", "a.1", "a]b"]
for n in names:
    try:
        first, rest = _string.formatter_field_name_split(n)
        print(repr(n), repr(first), list(rest))
    except Exception as e:
        print(repr(n), type(e).__name__, e)

for bad in [1, None]:
    try:
        _string.formatter_parser(bad)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        _string.formatter_field_name_split(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    _string.formatter_parser()
except Exception as e:
    print(type(e).__name__, e)
