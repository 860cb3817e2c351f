# decorators: stacking order, decorating methods, decorators preserving attributes manually
order = []
def first(fn):
    order.append("first applied")
    def w(*a, **k):
        return "first(" + fn(*a, **k) + ")"
    return w
def second(fn):
    order.append("second applied")
    def w(*a, **k):
        return "second(" + fn(*a, **k) + ")"
    return w
@first
@second
def base():
    return "base"
print(order, base())
def wraps(orig):
    def deco(wrapper):
        for attr in ("__name__", "__qualname__", "__doc__"):
            setattr(wrapper, attr, getattr(orig, attr))
        wrapper.__wrapped__ = orig
        return wrapper
    return deco
def counted(fn):
    @wraps(fn)
    def wrapper(*a, **k):
        wrapper.calls += 1
        return fn(*a, **k)
    wrapper.calls = 0
    return wrapper
class Service:
    @counted
    def handle(self, req):
        "Handle a request."
        return "handled " + req
s = Service()
print(s.handle("a"), s.handle("b"), Service.handle.calls)
print(Service.handle.__name__, Service.handle.__qualname__, Service.handle.__doc__)
print(Service.handle.__wrapped__(s, "direct"), Service.handle.calls)
def validate(**types):
    def deco(fn):
        def wrapper(**kw):
            for k, t in types.items():
                if not isinstance(kw.get(k), t):
                    raise TypeError("%s must be %s" % (k, t.__name__))
            return fn(**kw)
        return wrapper
    return deco
@validate(n=int, s=str)
def rep(n, s):
    return s * n
print(rep(n=3, s="ab"))
try:
    rep(n="3", s="ab")
except TypeError as e:
    print(type(e).__name__, e)
deco_list = [first, second]
@deco_list[1]
def chosen():
    return "x"
print(chosen())
