# A tour of the standard library as a new user would try it: each line uses
# modules that import through pvm's native half (_sre, _io, _codecs, posix,
# _ast, _random, _hashlib, zlib, _contextvars, _posixsubprocess...).
import json, re, dataclasses, argparse, textwrap, typing, enum, functools, itertools, collections, datetime, decimal, fractions, statistics, random, hashlib, base64, zlib, io, os, pathlib, tempfile, shutil, logging, pprint, string, struct, copy, heapq, bisect, math, time, inspect, ast, tokenize, difflib, calendar, urllib.parse, html, uuid, shlex, email, zipfile, tarfile, pickle, subprocess
@dataclasses.dataclass(order=True)
class P:
    x: int
    y: float = 0.5
    tags: list = dataclasses.field(default_factory=list)
print(P(1), P(1) < P(2), dataclasses.asdict(P(3, tags=['a'])))
print(json.dumps({"a": [1, 2.5, None, True], "b": "é"}, sort_keys=True), json.loads('{"x": [1, {"y": null}]}'))
print(re.findall(r'(\w+)@(\w+)\.com', 'a@b.com, c@d.com'), re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1b22'))
p = argparse.ArgumentParser(prog='t'); p.add_argument('--n', type=int, default=3); p.add_argument('f'); print(p.parse_args(['x', '--n', '5']))
print(textwrap.fill('the quick brown fox jumps over the lazy dog ' * 3, 30))
class Color(enum.Enum):
    RED = 1
    GREEN = 2
print(Color.RED, list(Color), Color(2))
print(decimal.Decimal('1.1') + decimal.Decimal('2.2'), fractions.Fraction(3, 6), statistics.mean([1, 2, 3, 4]))
random.seed(42); print(random.random(), random.randint(1, 100), random.choice('abc'))
print(hashlib.sha256(b'abc').hexdigest()[:16], base64.b64encode(b'hi'), zlib.crc32(b'x'))
buf = io.StringIO(); print('hello', file=buf); print(repr(buf.getvalue()))
print(pathlib.PurePosixPath('/a/b/c.txt').suffix, os.path.join('a', 'b'))
print(pickle.loads(pickle.dumps({'k': (1, 2)})), copy.deepcopy([[1], [2]]))
print(datetime.date(2024, 2, 29) + datetime.timedelta(days=1), calendar.isleap(2024))
print(urllib.parse.urlparse('http://x.com/p?q=1').query, html.escape('<a>'), shlex.split('a "b c"'))
print(list(difflib.unified_diff(['a\n', 'b\n'], ['a\n', 'c\n']))[2:])
print(ast.dump(ast.parse('x = 1 + 2')))
print(inspect.signature(lambda a, b=2, *c, d, **e: None))
with tempfile.TemporaryDirectory() as d:
    fn = os.path.join(d, 'f.txt')
    with open(fn, 'w') as f:
        f.write('line1\nline2\n')
    print(open(fn).read().splitlines(), sorted(os.listdir(d)))
r = subprocess.run(['echo', 'sub'], capture_output=True, text=True); print(r.stdout.strip(), r.returncode)
print(typing.get_type_hints(P)['y'], typing.Optional[int], list[int], type(list[int]).__name__)
