"""json dumps/loads: serialize and parse nested documents with the json module.

Usage: json_bench.py [LOOPS]   (default 300)
"""
import json
import random
import sys
import zlib

EMPTY = ({}, 2000)
SIMPLE_DATA = {"key1": 0, "key2": True, "key3": "value", "key4": "foo", "key5": "string"}
SIMPLE = (SIMPLE_DATA, 1000)
NESTED_DATA = {"key1": 0, "key2": SIMPLE[0], "key3": "value", "key4": SIMPLE[0],
               "key5": SIMPLE[0], "key": "\u0105\u0107\u017c"}
NESTED = (NESTED_DATA, 1000)
HUGE = ([NESTED[0]] * 1000, 1)


def make_records(n):
    rng = random.Random(1234)
    out = []
    for i in range(n):
        out.append({
            "id": i,
            "name": "user-%d" % rng.randrange(100000),
            "score": round(rng.random() * 100, 3),
            "active": rng.random() < 0.5,
            "tags": [rng.choice(["a", "b", "c", "d\n", "\u00e9t\u00e9"]) for _ in range(rng.randrange(5))],
            "parent": None if i == 0 else rng.randrange(i),
            "ratio": rng.random() / 7,
        })
    return out


def main():
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    crc = 0
    for obj, count in (EMPTY, SIMPLE, NESTED, HUGE):
        for _ in range(max(1, count * loops // 300)):
            s = json.dumps(obj)
        crc = zlib.crc32(s.encode(), crc)
    records = make_records(200)
    total = 0
    for _ in range(loops):
        text = json.dumps(records, sort_keys=True)
        back = json.loads(text)
        total += len(back)
    pretty = json.dumps(records[:3], indent=2, ensure_ascii=False)
    again = json.loads(json.dumps(back))
    crc = zlib.crc32(text.encode(), crc)
    crc = zlib.crc32(pretty.encode(), crc)
    print("json: records=%d roundtrip_equal=%s len=%d crc=%08x" % (total, again == records, len(text), crc))
    print(pretty.splitlines()[5])


if __name__ == "__main__":
    main()
