# type.__flags__ in CPython's bit positions: inspect.isabstract and copyreg read it.
import abc, inspect, copyreg
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): pass
class B(A):
    def f(self): return 1
print(inspect.isabstract(A), inspect.isabstract(B), inspect.isabstract(int))
for t in (object, int, bool, str, list, tuple, dict, bytes, type, BaseException, ValueError, A, B):
    print(t.__name__, bool(t.__flags__ & (1 << 9)), bool(t.__flags__ & (1 << 10)), bool(t.__flags__ & (1 << 20)),
          [i for i in range(24, 32) if t.__flags__ & (1 << i)], bool(t.__flags__ & (1 << 8)))
try:
    int.__flags__ = 1
except (AttributeError, TypeError) as e:
    print(type(e).__name__)
