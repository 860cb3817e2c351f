# Threads share the process-wide locale: some switch LC_NUMERIC and
# LC_CTYPE between "C" and "C.UTF-8" while others query setlocale(),
# localeconv() and nl_langinfo() and allocate enough to force collections
# and stop-the-world pauses meanwhile.  Every answer must be one of the
# two locales' own (never a torn mix or garbage), and nothing may deadlock:
# _locale copies libc's strings under its own mutex, which a waiting
# thread takes inside a blocking region.
import gc
import locale
import threading

N_SWITCH = 2
N_READ = 2
ROUNDS = 400
errors = []
names = ("C", "C.UTF-8")
codesets = {"ANSI_X3.4-1968", "UTF-8"}
go = threading.Barrier(N_SWITCH + N_READ + 1)


def switcher(k):
    go.wait()
    for i in range(ROUNDS):
        name = names[(i + k) % 2]
        got = locale.setlocale(locale.LC_NUMERIC, name)
        if got not in names:
            errors.append("setlocale returned %r" % got)
        locale.setlocale(locale.LC_CTYPE, names[i % 2])


def reader():
    go.wait()
    junk = []
    for i in range(ROUNDS):
        cur = locale.setlocale(locale.LC_NUMERIC)
        if cur not in names:
            errors.append("query returned %r" % cur)
        conv = locale.localeconv()
        if conv["decimal_point"] != "." or len(conv) != 18:
            errors.append("localeconv %r" % (conv,))
        cs = locale.nl_langinfo(locale.CODESET)
        if cs not in codesets:
            errors.append("CODESET %r" % cs)
        junk.append([{} for _ in range(20)])
        if i % 50 == 0:
            junk.clear()
            gc.collect()


threads = [threading.Thread(target=switcher, args=(k,)) for k in range(N_SWITCH)]
threads += [threading.Thread(target=reader) for _ in range(N_READ)]
for th in threads:
    th.start()
go.wait()
for _ in range(20):
    gc.collect()
for th in threads:
    th.join()
locale.setlocale(locale.LC_ALL, "C")
print("\n".join(errors[:10]) if errors else "ok locale_threads")
