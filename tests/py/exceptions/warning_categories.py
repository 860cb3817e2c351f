# The builtin warning categories the standard library refers to.
for cls in [Warning, UserWarning, DeprecationWarning, PendingDeprecationWarning, SyntaxWarning,
            RuntimeWarning, FutureWarning, ImportWarning, UnicodeWarning, BytesWarning,
            ResourceWarning, EncodingWarning]:
    e = cls("msg", 2)
    print(cls.__name__, cls.__mro__[1].__name__, issubclass(cls, Exception), e.args, str(e))
try:
    raise ResourceWarning("unclosed")
except Warning as e:
    print(type(e).__name__, e)
