# None as default / sentinel, comparisons with None, None in containers
def find(seq, target):
    for i, v in enumerate(seq):
        if v == target:
            return i
    return None
print(find([5, 6, 7], 6), find([5, 6, 7], 9), find([], 1) is None)
_missing = object()
def get(d, k, default=_missing):
    if k in d:
        return d[k]
    if default is _missing:
        raise KeyError(k)
    return default
print(get({"a": 1}, "a"), get({}, "b", None), get({}, "c", 0))
try:
    get({}, "z")
except KeyError as e:
    print(type(e).__name__, e)
vals = [3, None, 1, None, 2]
print([v for v in vals if v is not None], vals.count(None), None in vals, vals.index(None))
print(sorted(vals, key=lambda v: (v is None, v if v is not None else 0)))
try:
    sorted(vals)
except TypeError as e:
    print(type(e).__name__, e)
print(None == None, None == 0, None == False, None == "", [None] == [None])
print({None: "none key"}[None], str(None), repr(None), bool(None), type(None).__name__)
d = dict.fromkeys(["a", "b"])
print(d, all(v is None for v in d.values()))
def no_return():
    x = 1
print(no_return(), [no_return() for _ in range(2)])
