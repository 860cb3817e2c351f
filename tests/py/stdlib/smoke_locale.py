# locale in the C and C.UTF-8 locales (the runner sets LC_ALL=C.UTF-8):
# setlocale queries, localeconv, format_string/currency-free formatting,
# atof/atoi/str, normalize, getpreferredencoding, strcoll/strxfrm, errors.
import locale

import sys
print(locale.setlocale(locale.LC_CTYPE), locale.setlocale(locale.LC_ALL, None), sys.flags.utf8_mode)
print(locale.setlocale(locale.LC_NUMERIC, "C"), locale.getlocale(), locale.getlocale(locale.LC_NUMERIC))
conv = locale.localeconv()
print(conv["decimal_point"], repr(conv["thousands_sep"]), conv["grouping"], conv["int_frac_digits"], sorted(conv)[:5])
print(locale.format_string("%d items, %.2f%%", (1234567, 12.345)), locale.format_string("%s", "x"))
print(locale.format_string("%d", 1234567, grouping=True), locale.str(3.25), locale.atof("1.5"), locale.atoi("42"))
print(locale.delocalize("1234.5"), locale.localize("1234.5") if hasattr(locale, "localize") else "-")
print(locale.normalize("en_US"), locale.normalize("de_DE.utf8"), locale.normalize("C"), locale.normalize("fr"))
print(locale.getpreferredencoding(False), locale.getencoding() if hasattr(locale, "getencoding") else "-")
print(locale.strcoll("a", "b") < 0, locale.strcoll("b", "a") > 0, locale.strcoll("a", "a"), locale.strxfrm("abc"))
print(sorted(["b", "A", "a", "B"], key=locale.strxfrm), locale.CHAR_MAX, locale.LC_ALL != locale.LC_CTYPE)
print(locale.setlocale(locale.LC_ALL, "C"), locale.getlocale(locale.LC_NUMERIC))
print(locale._parse_localename("en_US.UTF-8"), locale._build_localename(("de_DE", "ISO8859-1")))
try:
    locale.setlocale(locale.LC_ALL, "xx_NOPE.UTF-8")
except locale.Error as e:
    print("locale.Error:", e)
try:
    locale.setlocale(12345, "C")
except locale.Error as e:
    print("locale.Error:", e)
try:
    locale.atoi("x")
except ValueError as e:
    print("ValueError:", e)
print(issubclass(locale.Error, Exception), locale.Error.__module__, locale.nl_langinfo(locale.CODESET), locale.nl_langinfo(locale.RADIXCHAR))
print([locale.nl_langinfo(getattr(locale, "DAY_%d" % i)) for i in range(1, 8)], locale.nl_langinfo(locale.ABMON_12))
print(locale.nl_langinfo(locale.D_T_FMT), locale.nl_langinfo(locale.YESEXPR), repr(locale.nl_langinfo(locale.ERA)))
try:
    locale.nl_langinfo(-1)
except ValueError as e:
    print("ValueError:", e)
print(locale.setlocale(locale.LC_ALL, ""), locale.setlocale(locale.LC_TIME), locale.gettext("untranslated") if hasattr(locale, "gettext") else "-")
print(locale.currency(1234.5, grouping=True) if locale.localeconv()["currency_symbol"] else "no currency symbol")
