# complex(x) where x.__complex__() returns a strict subclass of complex:
# accepted with a DeprecationWarning (an error under the "error" filter).
import warnings

class complex0(complex):
    def __complex__(self):
        return 42j
class complex1(complex):
    def __new__(self, value=0j):
        return complex.__new__(self, 2 * value)
    def __complex__(self):
        return self
class complex2(complex):
    def __complex__(self):
        return None

print(complex(complex0(1j)))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    r = complex(complex1(1j))
    print(r, type(r).__name__, [(x.category.__name__, str(x.message)) for x in w])
with warnings.catch_warnings():
    warnings.simplefilter('error')
    try:
        complex(complex1(1j))
    except DeprecationWarning as e:
        print(type(e).__name__, e)
try:
    complex(complex2(1j))
except TypeError as e:
    print(type(e).__name__, e)
class Plain:
    def __complex__(self):
        return complex1(3)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    print(complex(Plain()), len(w))
