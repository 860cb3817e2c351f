# split()/subgroup() of an exception group nested deeper than the recursion
# limit raise RecursionError (CPython counts the nesting with the frames);
# shallower ones still work.
import sys

def make(n):
    e = TypeError(1)
    for i in range(n):
        e = ExceptionGroup('eg', [e])
    return e

deep = make(2000)
for meth in ('split', 'subgroup'):
    try:
        getattr(deep, meth)(TypeError)
    except RecursionError as e:
        print(meth, type(e).__name__, e)
m, r = make(200).split(TypeError)
print(type(m).__name__, r)
print(make(200).subgroup(ValueError))
sys.setrecursionlimit(5000)
m, r = deep.split(TypeError)
print(type(m).__name__, r)
sys.setrecursionlimit(1000)
def star():
    try:
        raise make(1500)
    except* TypeError as eg:
        print('caught', type(eg).__name__)
try:
    star()
except RecursionError as e:
    print(type(e).__name__, e)
