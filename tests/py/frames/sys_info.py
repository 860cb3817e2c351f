# sys introspection values: flags, hash_info, int_info, api_version,
# abiflags, version, getsizeof, exc_info, excepthook, switch interval,
# _current_frames.
import sys

fl = sys.flags
print(type(fl).__name__, len(fl), isinstance(fl, tuple))
print(fl.debug, fl.inspect, fl.interactive, fl.optimize, fl.verbose, fl.quiet)
print(fl.isolated, fl.dev_mode, fl.safe_path, fl.int_max_str_digits, fl.bytes_warning)
print(fl[0], fl[3])
hi = sys.hash_info
print(hi.width, hi.modulus, hi.inf, hi.nan, hi.imag, hi.hash_bits, hi.seed_bits, hi.cutoff)
print(hi.modulus == 2**61 - 1, hash(float("inf")) == hi.inf)
print(sys.int_info)
print(sys.int_info.bits_per_digit, sys.int_info.default_max_str_digits)
print(sys.api_version, repr(sys.abiflags))
print(sys.version.split()[0][:4], sys.version_info[:2])
v = sys.version
print("(" in v and ")" in v and "[" in v and v.endswith("]"))

# getsizeof
print(sys.getsizeof(1) > 0, sys.getsizeof([]) > 0, sys.getsizeof("abc") >= 3)


class S:
    def __sizeof__(self):
        return 42


class Neg:
    def __sizeof__(self):
        return -1


class Bad:
    def __sizeof__(self):
        return "x"


class Raises:
    def __sizeof__(self):
        raise TypeError("nope")


print(sys.getsizeof(S()) >= 42)
for args in ((Neg(),), (Bad(),), (Raises(),), (Raises(), 7), (), (1, 2, 3)):
    try:
        print(sys.getsizeof(*args))
    except Exception as e:
        print(type(e).__name__, e)

# exc_info
print(sys.exc_info())
try:
    raise KeyError("k")
except KeyError as e:
    t, v, tb = sys.exc_info()
    print(t.__name__, v is e, tb is e.__traceback__, tb.tb_frame is sys._getframe())
print(sys.exc_info())

# excepthook
print(sys.excepthook is sys.__excepthook__)
try:
    raise ValueError("shown")
except ValueError as e:
    sys.excepthook(type(e), e, e.__traceback__)

# switch interval
old = sys.getswitchinterval()
sys.setswitchinterval(0.01)
print(sys.getswitchinterval())
sys.setswitchinterval(old)
for bad in (0, -1, "x"):
    try:
        sys.setswitchinterval(bad)
    except Exception as e:
        print(type(e).__name__, e)

# _current_frames: this thread's entry is its innermost frame
def probe():
    frames = sys._current_frames()
    me = sys._getframe()
    mine = [f for f in frames.values() if f is me]
    return len(frames), len(mine), mine[0].f_back is sys._getframe(1)


print(probe())
