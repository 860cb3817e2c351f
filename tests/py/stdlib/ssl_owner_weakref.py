# _ssl._SSLSocket.owner is a weak reference, as CPython's: an SSLObject
# (or SSLSocket) and its _sslobj make no reference cycle, so dropping the
# last reference frees it and its context at once, without the collector
# (test_asyncio's test_ssl leak tests).
import gc, ssl, weakref
gc.disable()

ctx = ssl.create_default_context()
inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
obj = ctx.wrap_bio(inc, out, server_hostname='example.org')

def same_owner(o):
    print(o._sslobj.owner is o)

same_owner(obj)
wctx = weakref.ref(ctx)
wobj = weakref.ref(obj)
del obj, ctx
print(wobj() is None, wctx() is None)

ctx = ssl.create_default_context()
obj = ctx.wrap_bio(inc, out, server_hostname='example.org')
raw = obj._sslobj

class Owner:
    pass

def set_owner():
    o = Owner()
    raw.owner = o
    print(raw.owner is o)

set_owner()  # o died on return
print(raw.owner)
for bad in (None, 1, 'text', (1, 2)):
    try:
        raw.owner = bad
        print('set', raw.owner)
    except TypeError as e:
        print(type(e).__name__, e)
raw.owner = obj
print(raw.owner is obj)
gc.enable()
