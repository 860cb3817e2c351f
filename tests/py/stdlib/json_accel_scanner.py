# _json.make_scanner (the C scanner json.decoder uses) directly and
# through json.loads: values, hooks, errors and their positions.
import _json
import decimal
import json
import json.scanner
from collections import OrderedDict

print(json.scanner.make_scanner is _json.make_scanner)
dec = json.JSONDecoder()
print(type(dec.scan_once).__name__)
sc = _json.make_scanner(dec)
print(sc.strict, sc.object_hook, sc.object_pairs_hook, sc.parse_constant is dec.parse_constant)

docs = [
    'null', 'true', 'false', 'NaN', 'Infinity', '-Infinity', '0', '-0', '12', '-12', '1.5',
    '-1.5e3', '1E+2', '1e-2', '1e', '1e+', '1.', '01', '-', '-a', '00', '1.e5', '2.5E', 'nul',
    'tru', 'fals', 'Na', 'Infinit', '-Infinit', '"s\xe9"', '[]', '{}', '[1, "a", null]',
    '{"a": 1, "b": [true, {"c": "\xe9"}]}', ' 1', 'x', '', '[', '[1', '[1,', '[1 2]', '[1,]',
    '{', '{"a"', '{"a":', '{"a" 1}', '{"a":1', '{"a":1,', '{"a":1 "b":2}', '{1:2}',
    '{"a":1,}', '[\xe9]', '["\xe9", x]', '{"\xe9\xe9": [1, 2,, 3]}', '  [ 1 , [ ] , { } ]  ',
    '12345678901234567890123', '1.7976931348623157e308', '1e400', '-1e400', '0.1', '[-]',
    '{"a": "b\\u00e9", "a": 2}', '["\\ud83d\\ude00", "\\x"]', '[1]x', '"abc', '123abc',
]
for doc in docs:
    for idx in (0, 1):
        try:
            print(ascii(doc), idx, ascii(sc(doc, idx)))
        except StopIteration as e:
            print(ascii(doc), idx, "StopIteration", e.value)
        except json.JSONDecodeError as e:
            print(ascii(doc), idx, "JSONDecodeError", ascii(str(e)), e.pos)
        except Exception as e:
            print(ascii(doc), idx, type(e).__name__, e)

for args in [("1", -1), (1, 0), ("1",), ("1", "0"), ("1", 5)]:
    try:
        print(sc(*args))
    except StopIteration as e:
        print("StopIteration", e.value)
    except Exception as e:
        print(type(e).__name__, e)
print(sc(string="[2]", idx=0))

# hooks
print(json.loads('{"b": 1, "a": [1.5, 2]}', object_pairs_hook=OrderedDict))
print(json.loads('{"b": 1, "a": {"x": 2}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"b": 1}', object_hook=lambda d: 1, object_pairs_hook=lambda p: ("pairs", p)))
print(json.loads('[1.25, 2, 3e1]', parse_float=decimal.Decimal, parse_int=str))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda c: "const " + c))
print(json.loads('[NaN, -Infinity]'))
print(json.loads('["a\tb"]', strict=False))
try:
    json.loads('["a\tb"]')
except json.JSONDecodeError as e:
    print("JSONDecodeError", e)
def bad_hook(d):
    raise KeyError("hook")
try:
    json.loads('[{"a": 1}]', object_hook=bad_hook)
except KeyError as e:
    print("KeyError", e)
try:
    json.loads('[1.5]', parse_float=int)
except ValueError as e:
    print("ValueError", e)
# memo: equal keys share one str object
r = json.loads('[{"key": 1}, {"key": 2}]')
print(list(r[0])[0] is list(r[1])[0])
# deep nesting
try:
    json.loads("[" * 100000 + "]" * 100000)
except RecursionError as e:
    print("RecursionError")
print(len(json.loads("[" * 50 + "]" * 50)))

# round trips
values = [None, True, False, 0, -1, 2**70, 1.5, -0.0, 1e300, "s\xe9\U0001f600",
          [1, [2, [3, {}]]], {"a": {"b": [None, "x"]}, "\xe9": 1.25}, [], {}]
for v in values:
    for indent in (None, 2):
        t = json.dumps(v, indent=indent)
        print(ascii(t), json.loads(t) == v)
for bad in ['', ' ', '[1] [2]', '{"a" : 1, }', '{"\xe9": }', '\n\n  [1,\n  2\n', 'tru']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError", ascii(str(e)), e.pos, e.lineno, e.colno)
