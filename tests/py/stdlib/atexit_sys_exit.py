import atexit, sys

def inner():
    print("inner registered late: must not run")

def outer():
    print("outer runs")
    atexit.register(inner)
    print("ncallbacks", atexit._ncallbacks())

def skipped():
    print("unregistered by a later callback: must not run")

class Failing:
    def __repr__(self):
        return "<Failing>"
    def __call__(self):
        atexit.unregister(skipped)
        raise RuntimeError("callback failed")

atexit.register(outer)
atexit.register(skipped)
atexit.register(Failing())
atexit.register(lambda: print("lambda first"))
sys.exit(4)
