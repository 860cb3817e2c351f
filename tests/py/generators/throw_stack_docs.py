# throw() into a yield-from / await chain: the delegating frames are on the
# stack the innermost generator sees; method/attribute docs; cr_frame.clear().
import sys, types, traceback
async def a():
    return await b()
async def b():
    return await c()
@types.coroutine
def c():
    try:
        yield len(traceback.extract_stack())
    except ZeroDivisionError:
        yield len(traceback.extract_stack())
coro = a()
print(coro.send(None), coro.throw(ZeroDivisionError))
coro.close()
def names(fr):
    r = []
    while fr and fr.f_code.co_name != '<module>':
        r.append(fr.f_code.co_name); fr = fr.f_back
    return r
def f():
    try:
        yield 1
    except RuntimeError:
        print('in f', names(sys._getframe()))
        yield 2
    print('f end', names(sys._getframe()))
def g():
    yield from f()
    print('g end', names(sys._getframe()))
gen = g(); next(gen); print(gen.throw(RuntimeError))
try: next(gen)
except StopIteration: print('stop')
def f2():
    yield 1
    raise KeyError('k')
def g2():
    yield from f2()
gen = g2(); next(gen)
try:
    gen.throw(ValueError('v'))
except ValueError as e:
    print([fs.name for fs in traceback.extract_tb(e.__traceback__)])
gen = g2(); next(gen)
try: next(gen)
except KeyError as e:
    print([fs.name for fs in traceback.extract_tb(e.__traceback__)])

# Docstrings of the generator and coroutine methods and attributes.
for ct in (types.CoroutineType, types.GeneratorType):
    for n in ['send', 'close', 'throw']:
        print(repr(getattr(ct, n).__doc__))
    for n in ['__name__', '__qualname__']:
        print(repr(ct.__dict__[n].__doc__))
print(repr(types.FunctionType.__dict__['__code__'].__doc__))

# Clearing the frame of a never started coroutine warns once.
import warnings
async def never(): pass
co = never()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    co.cr_frame.clear()
    print([str(x.message) for x in w], [x.category.__name__ for x in w])
    co.close()
    del co
    print(len(w))
print('done')
