# sys.unraisablehook receives exceptions from __del__, weakref callbacks,
# threads and atexit callbacks; sys.__unraisablehook__ is the default report.
import _thread
import atexit
import sys
import time
import weakref

print(sys.unraisablehook is sys.__unraisablehook__)

class Noisy:
    def __del__(self):
        raise ValueError("in del")

class Callback:
    def __repr__(self):
        return "<Callback>"
    def __call__(self, w):
        raise KeyError("cb")

seen = []
def record(u):
    seen.append((type(u).__name__, u.exc_type.__name__, str(u.exc_value), u.err_msg,
                 type(u.object).__name__, u.exc_traceback is not None))
sys.unraisablehook = record
n = Noisy()
del n

class Target:
    pass
t = Target()
w = weakref.ref(t, Callback())
del t

def boom():
    raise OSError("thread")
_thread.start_new_thread(boom, ())
for _ in range(100):
    if len(seen) == 3:
        break
    time.sleep(0.01)
for s in seen:
    print(s)

# The default hook, called directly and through the runtime.
sys.unraisablehook = sys.__unraisablehook__
try:
    sys.__unraisablehook__(1)
except Exception as e:
    print(type(e).__name__, e)
t = Target()
w = weakref.ref(t, Callback())
del t

# A hook that fails: its error and the original are both reported.
class Broken:
    def __repr__(self):
        return "<Broken hook>"
    def __call__(self, u):
        raise RuntimeError("hook broke")
sys.unraisablehook = Broken()
t = Target()
w = weakref.ref(t, Callback())
del t
sys.unraisablehook = sys.__unraisablehook__
print("end")
