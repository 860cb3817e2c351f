# _locale from several threads at once: setlocale, localeconv, nl_langinfo
# and strxfrm read libc's process-wide locale state; every result stays
# whole and right.
import locale
import threading

expected = (locale.localeconv(), locale.nl_langinfo(locale.CODESET), locale.setlocale(locale.LC_NUMERIC))
bad = []


def work(n):
    for i in range(300):
        got = (locale.localeconv(), locale.nl_langinfo(locale.CODESET), locale.setlocale(locale.LC_NUMERIC, "C"))
        if got != expected:
            bad.append((n, i, got))
        if locale.strxfrm("thread%d" % n) != "thread%d" % n or locale.strcoll("a", "b") >= 0:
            bad.append((n, i, "collate"))


ts = [threading.Thread(target=work, args=(n,)) for n in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(bad), expected[1], expected[2], sorted(expected[0])[:3])
