# Threads share one json.JSONDecoder (one _json Scanner) and call the C
# string escapes at once: every parse and dump must give the same result as
# a single thread does (the scanner is immutable, its key memo per call).
import json
import threading
import _json

N = 6
K = 400
dec = json.JSONDecoder(object_pairs_hook=lambda p: dict(p))
doc = json.dumps({"k\xe9y%d" % i: [i, i * 0.5, "v\U0001f600\n%d" % i, None, True, {"n": [i]}]
                  for i in range(20)})
expected = json.loads(doc)
text = "a\"b\\c\n\xe9\u20ac\U0001f600" * 10
exp_ascii = _json.encode_basestring_ascii(text)
exp_plain = _json.encode_basestring(text)
errors = []


def worker(k):
    try:
        for i in range(K):
            if dec.decode(doc) != expected:
                errors.append("decode")
            if _json.encode_basestring_ascii(text) != exp_ascii:
                errors.append("ascii")
            if _json.encode_basestring(text) != exp_plain:
                errors.append("plain")
            if _json.scanstring(exp_plain, 1) != (text, len(exp_plain)):
                errors.append("scanstring")
            if i % 50 == 0:
                try:
                    dec.decode('{"a": [1, 2,, 3]}')
                    errors.append("no error")
                except json.JSONDecodeError as e:
                    if e.pos != 12:
                        errors.append("pos %d" % e.pos)
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if errors:
    print("FAIL json_accel", errors[:5])
else:
    print("ok json_accel")
