# len() with a __len__ that returns a bad value: CPython's exception types.
import sys


def vals():
    yield None
    yield 4.5
    yield -10
    yield sys.maxsize + 1
    yield -sys.maxsize - 10
    yield 2**100
    yield -2**100
    yield True
    yield sys.maxsize


for v in vals():
    class L:
        def __len__(self, v=v):
            return v
    try:
        print(len(L()))
    except Exception as e:
        print(type(e).__name__, e)
