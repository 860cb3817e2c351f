# Cycles through generators, coroutines and async generators (their
# frames' registers, suspended or not started) are collected; close() runs
# the pending finally blocks first (PEP 442).
import gc, weakref
gc.disable()
gc.collect()

class Obj:
    pass

def alive(w):
    return w() is not None

# generator whose frame holds itself
def selfref():
    me = yield
    try:
        yield me
    finally:
        print("selfref finally runs")

def make_gen():
    g = selfref()
    next(g)
    g.send(g)
    o = Obj()
    return weakref.ref(g)

w = make_gen()
print("gen alive before", alive(w))
gc.collect()
print("gen freed", w() is None)

# generator holding an object that holds the generator
def holder():
    o = Obj()
    yield o
    yield 2

def make_gen2():
    g = holder()
    o = next(g)
    o.g = g
    return weakref.ref(o)

w = make_gen2()
gc.collect()
print("gen-obj freed", w() is None)

# not started generator: args hold the cycle
def unstarted(x):
    yield x

def make_gen3():
    o = Obj()
    o.g = unstarted(o)
    return weakref.ref(o)

w = make_gen3()
gc.collect()
print("unstarted gen freed", w() is None)

# coroutine
async def coro(o):
    await sleeper()
    return o

class sleeper:
    def __await__(self):
        yield 1

def make_coro():
    o = Obj()
    c = coro(o)
    c.send(None)
    o.c = c
    return weakref.ref(o)

w = make_coro()
gc.collect()
print("coro freed", w() is None)

# async generator
async def agen(o):
    yield o
    yield 2

def make_agen():
    o = Obj()
    a = agen(o)
    o.a = a
    return weakref.ref(o)

w = make_agen()
gc.collect()
print("agen freed", w() is None)

# gi_frame in the cycle
def framegen():
    yield 1

def make_frame_gen():
    g = framegen()
    next(g)
    o = Obj()
    o.f = g.gi_frame
    o.g = g
    f = g.gi_frame
    f.f_locals  # materialise
    return weakref.ref(o)

w = make_frame_gen()
gc.collect()
print("frame gen freed", w() is None)

# a finalizer in a generator's frame runs once, the finally block first
class Noisy:
    def __del__(self):
        print("Noisy.__del__")

def noisy_gen():
    n = Noisy()
    me = yield
    try:
        yield
    finally:
        print("noisy finally")

def make_noisy():
    g = noisy_gen()
    next(g)
    g.send(g)

make_noisy()
print("collect")
gc.collect()
print("after")

# a generator that is still referenced is left alone
def counter():
    i = 0
    while True:
        me = yield i
        i += 1

keep = counter()
next(keep)
keep.send(keep)
gc.collect()
print("kept generator works", next(keep))
print("done", gc.collect())
