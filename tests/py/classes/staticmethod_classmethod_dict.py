# staticmethod/classmethod copy the callable's __module__, __name__,
# __qualname__, __doc__ and __annotations__ into their __dict__ (3.10+).
def f(x: int) -> str:
    "f docstring"


for kind in (classmethod, staticmethod):
    w = kind(f)
    print(kind.__name__, sorted(w.__dict__.items(), key=lambda kv: kv[0]) == sorted(
        {'__module__': __name__, '__name__': 'f', '__qualname__': 'f', '__doc__': 'f docstring',
         '__annotations__': {'x': int, 'return': str}}.items(), key=lambda kv: kv[0]))
    w.x = 42
    print(w.x, w.__dict__['x'], w.__name__, w.__doc__, w.__wrapped__ is f, w.__func__ is f)
    w.__dict__ = {'y': 1}
    print(w.y, w.__dict__)
    for bad in (None, [1]):
        try:
            w.__dict__ = bad
        except (AttributeError, TypeError) as e:
            print(type(e).__name__, e)
    try:
        del w.__dict__
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)


def g():
    "g doc"


cm = classmethod(f)
cm.__init__(g)
print(cm.__name__, cm.__doc__, cm.__func__ is g, cm.__dict__['__name__'])
print(classmethod(len).__dict__.get('__name__'), staticmethod(print).__name__)


class C:
    @classmethod
    def m(cls):
        "m doc"
        return cls.__name__

    @staticmethod
    def s():
        return 1


print(C.m(), C().m(), C.s(), C.__dict__['m'].__qualname__, C.__dict__['s'].__name__)

# A deep chain over an object without those attributes stays linear (each
# level reads only the inner wrapper's own dict).
w = 1
for i in range(50000):
    w = (classmethod if i % 2 else staticmethod)(w)
print(type(w).__name__, sorted(w.__dict__))
