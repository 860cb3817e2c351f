# sys.thread_info: a struct sequence (name, lock, version) as CPython's on Linux.
import sys
ti = sys.thread_info
print(ti)
print(type(ti).__name__, len(ti), ti.name, ti.lock, ti.version == ti[2])
print(isinstance(ti, tuple), tuple(ti) == (ti.name, ti.lock, ti.version))
try:
    ti.name = "x"
except AttributeError as e:
    print(type(e).__name__)
