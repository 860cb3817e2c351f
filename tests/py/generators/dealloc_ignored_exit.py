# A suspended generator dropped by its last reference is closed once; a
# close() that fails (the generator ignores GeneratorExit, or raises) goes
# to sys.unraisablehook with the generator as its object, which the hook
# may keep alive.
import sys

kept = []
def hook(u):
    kept.append(u)
    print("hook", u.exc_type.__name__, u.exc_value, type(u.object).__name__, u.err_msg)
old = sys.unraisablehook
sys.unraisablehook = hook

def f():
    try:
        yield 1
    except GeneratorExit:
        yield 2
g = f(); next(g); del g
print(kept[-1].object.gi_frame is not None)

def h():
    try:
        yield 1
    finally:
        raise KeyError('in finally')
g = h(); next(g); del g

def ok():
    try:
        yield 1
    finally:
        print('finally ran')
g = ok(); next(g); del g

def one():
    yield 1
g = one(); next(g); del g
print(len(kept))
del kept[:]
sys.unraisablehook = old
print('done')
