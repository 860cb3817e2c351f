# The hint also follows "<exception str() failed>" and a tuple message.
import sys
class NonStringifyClass:
    __str__ = None
    __repr__ = None
class A:
    blech = None
    def __getattr__(self, attr):
        raise AttributeError(NonStringifyClass())
class B:
    blech = None
    def __getattr__(self, attr):
        raise AttributeError("Error", 23)
for cls in [A, B]:
    try:
        cls().bluch
    except AttributeError as exc:
        sys.__excepthook__(*sys.exc_info())
