# The native _stat module: its names and constants, the S_IS*() tests, S_IMODE,
# S_IFMT and filemode ('?' for no known file type), and bad modes.
import _stat, stat
names = sorted(n for n in dir(_stat) if not n.startswith("__"))
print(names)
print([(n, getattr(_stat, n)) for n in names if isinstance(getattr(_stat, n), int)])
for bad in ('x', -1, 2**40, 1.5, True, 2**70):
    for f in (_stat.S_ISDIR, _stat.filemode, _stat.S_IMODE):
        try: print(f(bad))
        except Exception as e: print(type(e).__name__, e)
print(_stat.filemode(0o644), _stat.filemode(0o104755), _stat.filemode(0o41777), _stat.filemode(0o20660), _stat.S_IFMT(0o100644), _stat.S_IMODE(0o107777))
print(_stat.filemode(0o102644), _stat.filemode(0o106000), _stat.filemode(0o101001), _stat.filemode(0o140777), _stat.filemode(0o10600), _stat.filemode(0o60600), _stat.filemode(0o120777))
print(stat.S_ISDIR is _stat.S_ISDIR, stat.filemode(0o644), [f(0o40000) for f in (_stat.S_ISDIR, _stat.S_ISDOOR, _stat.S_ISWHT, _stat.S_ISPORT, _stat.S_ISREG)])
try: _stat.S_ISDIR()
except TypeError as e: print(e)
