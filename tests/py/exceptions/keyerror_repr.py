# KeyError shows repr of the key
d = {"a": 1}
keys = ["missing", 42, (1, 2), None, "", "quote'd", 3.5, frozenset([1]), True, b"bytes"]
for k in keys:
    try:
        d[k]
    except KeyError as e:
        print(type(e).__name__, e, "|", repr(e), "|", e.args)
try:
    d.pop("gone")
except KeyError as e:
    print("pop:", e)
try:
    set().remove("s")
except KeyError as e:
    print("set remove:", e)
class K:
    def __repr__(self):
        return "K-object"
    def __hash__(self):
        return 1
try:
    d[K()]
except KeyError as e:
    print("custom key:", e)
try:
    {}.popitem()
except KeyError as e:
    print("popitem:", e)
try:
    raise KeyError
except KeyError as e:
    print("bare:", repr(str(e)), e.args)
