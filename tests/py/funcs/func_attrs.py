# function attributes
def documented(a, b=1):
    """This is the docstring.

    More text."""
    return a
def undocumented():
    pass
print(documented.__name__, undocumented.__doc__)
print(documented.__doc__)
print(documented.__qualname__, documented.__module__)
class C:
    def method(self):
        def inner():
            pass
        return inner
    class Nested:
        def deep(self):
            pass
print(C.method.__qualname__, C().method().__qualname__, C.Nested.deep.__qualname__)
def outer():
    def inner():
        pass
    return inner
print(outer().__name__, outer().__qualname__)
print((lambda: 0).__qualname__)
documented.custom = 42
print(documented.custom, hasattr(undocumented, "custom"))
print(documented.__defaults__, documented.__code__.co_argcount, documented.__code__.co_name)
print(type(documented).__name__, callable(documented), callable(5))
f = documented
f.__name__ = "renamed"
print(documented.__name__)
print(sorted(k for k in vars(documented)))
print(C.method.__name__, type(C().method).__name__)
