# keyword arguments: ordering, dict unpacking, forwarding, defaults referencing
def show(a, b=2, *args, c, d=4, **kw):
    return "a=%r b=%r args=%r c=%r d=%r kw=%r" % (a, b, args, c, d, kw)
print(show(1, c=3))
print(show(1, 2, 3, 4, c=5, e=6, f=7))
print(show(c=1, a=0))
opts = {"c": "C", "extra": True}
print(show("A", **opts))
def forward(*args, **kwargs):
    return show(*args, **kwargs)
print(forward(9, 8, 7, c=6, z=5))
def config(**settings):
    defaults = {"debug": False, "level": 1}
    defaults.update(settings)
    return defaults
print(config(), config(level=3), config(debug=True, name="x"))
def kw_names(**kw):
    return list(kw.keys())
print(kw_names(b=1, a=2, **{"c": 3}), kw_names(**dict(z=0, y=1)))
try:
    show(1, 2, c=3, b=4)
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(1, **{"c": 1, "a": 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    config(**{1: 2})
except TypeError as e:
    print(type(e).__name__, e)
def keyword_named_like_builtins(list=None, dict=None, str="s"):
    return list, dict, str
print(keyword_named_like_builtins(list=[1], str="override"))
