# custom exception classes
class AppError(Exception):
    pass
class DBError(AppError):
    def __init__(self, table, code):
        super().__init__("table %s failed with %d" % (table, code))
        self.table = table
        self.code = code
class NoSuper(Exception):
    def __init__(self, x):
        self.x = x
class WithStr(Exception):
    def __str__(self):
        return "custom str"
for exc in [AppError(), AppError("msg"), AppError("a", 2), DBError("users", 7), NoSuper(5), WithStr("ignored")]:
    print(type(exc).__name__, repr(str(exc)), exc.args, repr(exc))
try:
    raise DBError("orders", 3)
except AppError as e:
    print("caught", type(e).__name__, e, e.table, e.code, isinstance(e, Exception))
class Validation(ValueError):
    pass
try:
    raise Validation("bad value")
except ValueError as e:
    print(type(e).__name__, e, [c.__name__ for c in type(e).__mro__])
e = AppError(1, 2)
e.extra = "attr"
print(e.args, e.extra, str(e))
print(repr(Exception()), repr(Exception("one")), repr(Exception("a", "b")), repr(ValueError(3)))
print(str(Exception()), str(Exception(None)), str(KeyError("k")), str(KeyError("k", "j")))
try:
    raise AppError
except AppError as e:
    print(repr(e), e.args)
