# An unfinished async generator that only a reference cycle keeps: the
# collector calls its finalizer hook (sys.set_asyncgen_hooks) once, as the
# last reference dropped does; without a hook its finally blocks run
# (close()).  asyncio's loop relies on the hook to schedule aclose()
# (test_asyncio's test_asyncgen_finalization_by_gc).
import gc
import sys

out = []

def fin(ag):
    out.append('hook ' + ag.__name__)
    kept.append(ag)  # resurrected, as asyncio's hook does

kept = []

async def agen():
    try:
        yield 1
        yield 2
    finally:
        out.append('finally')

def step(ag):
    c = ag.__anext__()
    try:
        c.send(None)
    except StopIteration:
        pass

gc.disable()
sys.set_asyncgen_hooks(firstiter=None, finalizer=fin)

ag = agen(); step(ag); del ag
print('refcount:', out); out.clear()

ag = agen(); step(ag); d = {'ag': ag}; d['self'] = d; del ag, d
print('before collect:', out)
gc.collect()
print('cycle:', out); out.clear()

# The hook kept it: aclose() runs its finally block, once.
ag = kept.pop()
c = ag.aclose()
try:
    c.send(None)
except StopIteration:
    pass
del ag, c
kept.clear()
gc.collect()
print('aclose:', out); out.clear()

def mk():
    ag = agen()
    ai = ag.__aiter__()
    def use():
        return ai, use
    step(ai)
    return use
u = mk(); del u
gc.collect()
print('closure cycle:', out); out.clear()
kept.clear()
gc.collect()
print('after kept cleared:', out); out.clear()

# Not started, or finished: no hook.
ag = agen(); d = [ag]; d.append(d); del ag, d
gc.collect()
print('not started:', out); out.clear()

# A hook that raises: reported, the generator is not closed.
def bad(ag):
    raise ValueError('bad hook')
sys.set_asyncgen_hooks(finalizer=bad)
sys.unraisablehook = lambda u: out.append(('unraisable', type(u.exc_value).__name__, str(u.exc_value)))
ag = agen(); step(ag); d = [ag]; d.append(d); del ag, d
gc.collect()
print('raising hook:', out); out.clear()
ag = agen(); step(ag); del ag
print('raising hook, refcount:', out); out.clear()

# No hook: close() runs the finally block.
sys.set_asyncgen_hooks(finalizer=None)
ag = agen(); step(ag); d = [ag]; d.append(d); del ag, d
gc.collect()
print('no hook:', out); out.clear()
gc.enable()
