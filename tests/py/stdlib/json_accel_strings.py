# _json's string functions (encode_basestring_ascii, encode_basestring,
# scanstring) called directly and through json.dumps / json.loads.
import _json
import json
import json.decoder
import json.encoder

print(json.encoder.c_encode_basestring_ascii is _json.encode_basestring_ascii)
print(json.encoder.c_encode_basestring is _json.encode_basestring)
print(json.decoder.c_scanstring is _json.scanstring)

samples = [
    "", "abc", 'a"b', "back\\slash", "\n\r\t\b\f", "\x00\x01\x1f\x20\x7e\x7f\x80",
    "caf\xe9", "\u20ac\u1234\uffff", "\U0001f600 smile", "\ud800", "\udc00x\ud83d",
    "/ slash", "mixed \u00e9\t\"q\"\U00010000",
]
for s in samples:
    print(ascii(_json.encode_basestring_ascii(s)), ascii(_json.encode_basestring(s)))

class S(str):
    pass

print(_json.encode_basestring_ascii(S("sub\n")), _json.encode_basestring(S("sub\xe9")))

for f in (_json.encode_basestring_ascii, _json.encode_basestring):
    for args, kw in [((1,), {}), ((), {}), (("a", "b"), {}), ((), {"s": "x"}), ((b"x",), {})]:
        try:
            f(*args, **kw)
        except Exception as e:
            print(type(e).__name__, e)

# scanstring: end is the index just after the opening quote
docs = [
    ('"abc"', 1), ('"a\\"b"', 1), ('x"\\n\\t\\/\\\\\\b\\f\\r"', 2), ('"\\u00e9\\u20AC"', 1),
    ('"\\ud83d\\ude00"', 1), ('"\\ud83dx"', 1), ('"\\ud83d\\u0041"', 1), ('"\\udc00"', 1),
    ('"caf\xe9 \U0001f600"  ', 1), ('"\xe9\\n\xe9"', 1), ('"\xe9\xe9"', 3), ('""', 1),
    ('"abc', 1), ('"ab\\', 1), ('"\\x"', 1), ('"\xe9\\q"', 1), ('"\\u12"', 1), ('"\\u12"  ', 1),
    ('"\\u12g4"', 1), ('"\\u1234', 1), ('"\\ud800\\u12g4"', 1), ('"\\ud800\\u12"', 1),
    ('"\\ud800\\x1234"', 1), ('"a\nb"', 1), ('"\xe9\x01"', 1), ('"a\x7fb"', 1), ("\"\t\"", 1),
    ('"abc"', 0), ('"abc"', 5), ('"abc"', 6), ('"abc"', -1), ('', 0), ('"', 1),
]
for doc, end in docs:
    for strict in (True, False):
        try:
            print(ascii(_json.scanstring(doc, end, strict)))
        except json.JSONDecodeError as e:
            print("JSONDecodeError", ascii(e.msg), e.pos, e.lineno, e.colno, ascii(str(e)))
        except Exception as e:
            print(type(e).__name__, e)

for args in [(1, 1), ("a",), ("a", "b"), ('a"', 1, []), ("a", 1, 1, 1), ('a"', 1.0)]:
    try:
        print(_json.scanstring(*args))
    except Exception as e:
        print(type(e).__name__, e)
try:
    _json.scanstring('a"', end=1)
except Exception as e:
    print(type(e).__name__, e)
print(_json.scanstring('a"', 1, 0), _json.scanstring(S('"x"'), 1))

# through the public API
values = ["plain", "esc\"\\\n", "\xe9\u20ac\U0001f600", "\ud800", ["a", {"k\xe9y": "v\x00"}]]
for v in values:
    a = json.dumps(v)
    b = json.dumps(v, ensure_ascii=False)
    print(ascii(a), ascii(b), json.loads(a) == v, json.loads(b) == v)
print(ascii(json.loads('{"a\\u00e9": ["x\\ud83d\\ude00", "\\"q\\""], "b": "\\/"}')))
print(ascii(json.loads('"line\ttab"', strict=False)))
for bad in ['"abc', '["a\nb"]', '{"a": "\\z"}', '\n  "\\u12x4"', '"\xe9\xe9\\', '["\xe9", "\\ud800\\uzzzz"]']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError", ascii(str(e)), e.pos, e.lineno, e.colno)
big = "x\xe9\"" * 2000
print(json.loads(json.dumps(big)) == big, json.loads(json.dumps(big, ensure_ascii=False)) == big)
