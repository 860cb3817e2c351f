# pprint: pformat of nested containers with width/indent/depth/compact/
# sort_dicts/underscore_numbers, PrettyPrinter, isreadable/isrecursive,
# recursion, dataclasses and long strings.
import collections
import dataclasses
import pprint

data = {"name": "pvm", "versions": list(range(20)), "nested": {"z": [1, {"deep": (1, 2, [3, 4])}], "a": None},
        "tuple": ("x" * 20, "y" * 20, "z" * 20), "set": {3, 1, 2}, "frozen": frozenset({"b"})}
pprint.pprint(data)
pprint.pprint(data, width=40, indent=2, depth=2)
pprint.pprint(data["versions"], compact=True, width=30)
print(pprint.pformat(data, sort_dicts=False, width=120))
print(pprint.pformat(12345678, underscore_numbers=True), pprint.pformat([10**9, 2.5], underscore_numbers=True))
s = "a fairly long string that has to be split across lines because it is wide " * 2
pprint.pprint([s], width=50)
pprint.pprint(b"bytes value that is quite long and will wrap around the width" * 2, width=40)
rec = [1, 2]
rec.append(rec)
print(pprint.pformat(rec).startswith("[1, 2, <Recursion on list with id="), pprint.isrecursive(rec), pprint.isreadable(rec),
      pprint.isreadable({"a": 1}), pprint.saferepr({"k": [1, 2]}))
od = collections.OrderedDict((k, k * 2) for k in "cab")
dd = collections.defaultdict(list, {"k": [1]})
pprint.pprint([od, dd, collections.Counter("hello"), collections.deque(range(3), maxlen=5), collections.ChainMap({"a": 1}, {"b": 2})])


@dataclasses.dataclass
class Cfg:
    host: str
    ports: list
    extra: dict = dataclasses.field(default_factory=dict)


pprint.pprint(Cfg("localhost", list(range(15)), {"timeout": 30, "retries": 3}), width=50)
pp = pprint.PrettyPrinter(width=20, indent=4)
print(pp.pformat({"key%d" % i: i for i in range(4)}))
print(pp.isreadable(3), pp.isrecursive(3))
pprint.pp({"b": 1, "a": [2] * 30})
import io
out = io.StringIO()
pprint.PrettyPrinter(stream=out, width=15).pprint(list("abcdefgh"))
print(out.getvalue(), end="")
