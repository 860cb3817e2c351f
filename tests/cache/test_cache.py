#!/usr/bin/env python3
"""End-to-end tests of pvm's bytecode cache (core/pyc.c, docs/bytecode.md).

Builds a temporary tree of modules (a main script, several modules, a
package with a subpackage and relative imports), runs pvm on it in the
scenarios below and checks the program's output, its exit status, and which
cache files exist:

  * the first run writes __pycache__/NAME.pvm-VV.pyc for every imported
    module (not for the main script); a second run reads them (proved by an
    edit that keeps the source's size and mtime: the cached code still runs)
    and rewrites nothing;
  * editing a module is picked up and its cache rewritten;
  * -B, PYTHONDONTWRITEBYTECODE and sys.dont_write_bytecode stop writing;
    an unwritable cache folder means running without a cache;
  * deleting or corrupting caches (truncated, flipped bytes, wrong magic,
    wrong version, stale mtime or size, trailing garbage, foreign flags,
    garbage, empty file, a directory in the way) changes nothing but speed,
    and the cache is rewritten byte-identical to a fresh one;
  * 50 processes started at once on a fresh tree all run correctly and leave
    valid caches and no temp files; so do threads importing at once;
  * pvm --compile (also hash-based modes, syntax errors), running a .pyc,
    and -m;
  * cache prefixes: PYTHONPYCACHEPREFIX / -X pycache_prefix put every cache
    under PREFIX/<absolute source dir>/; sources in the standard library
    (PVM_STDLIB) or a read-only folder get theirs under $XDG_CACHE_HOME/pvm
    (or ~/.cache/pvm), never beside them, even as root; warm runs rewrite
    nothing.

PYTHONDONTWRITEBYTECODE is removed from the environment of every pvm run
(the machines here set it).  Usage:

    python3 tests/cache/test_cache.py [--pvm build/pvm] [-v]
"""

import argparse
import glob
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

HEADER = 56
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

MODULES = {
    "main.py": """\
import sys
import util
import shapes
from pkg import api
from pkg.sub import deep
print("util", util.double(21), util.NAME, util.__doc__)
print("shapes", shapes.Square(3).area(), shapes.total([shapes.Square(2), shapes.Circle(1)]))
print("api", api.describe(), deep.LEVEL, api.CONST)
print("gen", list(util.evens(10)), util.closure()(5))
try:
    util.fail()
except ValueError as e:
    print("caught", e)
print("version", util.VERSION)
""",
    "util.py": """\
'''Helpers.'''
NAME = "util"
VERSION = 1
BIG = 2 ** 100 + 7
FLOATS = (0.5, -0.0, 1e300)
TEXT = "h\\u00e9llo \\U0001f600"
RAW = b"\\x00\\xffbytes"


def double(x):
    return x * 2


def evens(n):
    for i in range(n):
        if i % 2 == 0:
            yield i


def closure():
    k = BIG % 1000

    def add(x, *, scale=1, **kw):
        return (x + k) * scale

    return add


def fail():
    raise ValueError("boom %d" % len(TEXT))
""",
    "shapes.py": """\
import util


class Shape:
    def area(self):
        raise NotImplementedError

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.area())


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return round(3.14159 * self.r * self.r, 3)


def total(shapes):
    return sum(s.area() for s in shapes) + util.double(0)
""",
    "pkg/__init__.py": """\
CONST = "pkg-const"
""",
    "pkg/api.py": """\
from . import CONST
from .sub import deep
from .sub.deep import helper


def describe():
    return "api:" + helper() + ":" + str(deep.LEVEL)
""",
    "pkg/sub/__init__.py": "",
    "pkg/sub/deep.py": """\
from .. import CONST

LEVEL = 2


def helper():
    return CONST.upper()
""",
    "pkg/__main__.py": """\
from pkg import api
print("pkg main", api.describe(), __name__)
""",
}

IMPORTED = ["util.py", "shapes.py", "pkg/__init__.py", "pkg/api.py", "pkg/sub/__init__.py",
            "pkg/sub/deep.py"]

EXPECTED = """\
util 42 util Helpers.
shapes 9 7.1419999999999995
api api:PKG-CONST:2 2 pkg-const
gen [0, 2, 4, 6, 8] 388
caught boom 7
version 1
"""


# ---- crafted caches: the payload checksum and a walk to the instruction words ----------------

M64 = (1 << 64) - 1


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M64


def _mix(h):
    h ^= h >> 33
    h = (h * 0xff51afd7ed558ccd) & M64
    h ^= h >> 33
    h = (h * 0xc4ceb9fe1a85ec53) & M64
    return h ^ (h >> 33)


def payload_checksum(p):
    """core/pyc.c's hash64 with the payload seed (part of the file format)."""
    seed, n = 0x5059435f50415931, len(p)
    c1, c2 = 0x87c37b91114253d5, 0x4cf5ad432745937f
    h = [seed ^ 0x9e3779b97f4a7c15, (seed + c1) & M64, seed ^ c2, (seed - c1) & M64]
    i = 0
    while i + 32 <= n:
        for lane in range(4):
            k = int.from_bytes(p[i + 8 * lane:i + 8 * lane + 8], "little")
            k = (_rotl((k * c1) & M64, 31) * c2) & M64
            h[lane] ^= k
            h[lane] = (_rotl(h[lane], 27) * 5 + 0x52dce729) & M64
        i += 32
    r = (n * 0xff51afd7ed558ccd) & M64
    for lane in range(4):
        r = (_rotl(r ^ _mix(h[lane]), 23) * 9 + 0x2dce729) & M64
    while i + 8 <= n:
        k = (int.from_bytes(p[i:i + 8], "little") * c1) & M64
        r ^= (_rotl(k, 31) * c2) & M64
        r = (_rotl(r, 27) * 5 + 0x52dce729) & M64
        i += 8
    k = int.from_bytes(p[i:], "little")
    r ^= (_rotl((k * c1) & M64, 31) * c2) & M64
    return _mix(r)


def instruction_arrays(payload):
    """(offset, count) of every code object's instruction words (docs/bytecode.md)."""
    pos, found = 0, []

    def uv():
        nonlocal pos
        v = s = 0
        while True:
            c = payload[pos]
            pos += 1
            v |= (c & 0x7f) << s
            s += 7
            if not c & 0x80:
                return v

    def string():
        nonlocal pos
        tag = payload[pos]
        pos += 1
        if tag == ord("r"):
            uv()
        else:
            n = uv()
            pos += n

    def strtuple():
        nonlocal pos
        tag = payload[pos]
        pos += 1
        if tag == ord("t"):
            uv()
            return
        for _ in range(uv()):
            string()

    def obj():
        nonlocal pos
        tag = chr(payload[pos])
        pos += 1
        if tag in "NTF.":
            return
        if tag in "ir":
            uv()
        elif tag == "I":
            pos += 1
            n = uv()
            pos += n
        elif tag == "f":
            pos += 8
        elif tag in "snb":
            n = uv()
            pos += n
        elif tag in "(z":
            for _ in range(uv()):
                obj()
        elif tag == "c":
            code()
        else:
            raise ValueError("unknown tag %r" % tag)

    def code():
        nonlocal pos
        for _ in range(8):
            uv()
        n = uv()
        found.append((pos, n))
        pos += 4 * n
        obj()
        for _ in range(4):
            strtuple()
        for _ in range(3):
            string()
        for _ in range(uv()):
            uv()
        n = uv()  # (not pos += uv(): pos would be read before uv() moves it)
        pos += n
        for _ in range(4 * uv()):
            uv()

    assert payload[0] == ord("c")
    pos = 1
    code()
    return found

CRAFTED_PROGRAM = """\
class CM:
    def __enter__(self):
        return 1
    def __exit__(self, t, v, tb):
        return t is KeyError
def f(x, *a, k=2, **kw):
    try:
        if x:
            raise ValueError(x)
        r = {1, 2}
    except (ValueError, TypeError) as e:
        r = [str(e)]
    finally:
        q = [r]
    with CM() as c:
        raise KeyError(c)
    def inner(m):
        return m + k
    return q, inner(3), {i: f"{i:>{k}}" for i in range(3)}, a, kw
print(f(0), f(2, 3, k=4, z=1))
"""


class Failure(Exception):
    pass


class Tester:
    def __init__(self, pvm, verbose):
        self.pvm = os.path.abspath(pvm)
        self.verbose = verbose
        self.passed = 0
        self.failed = []
        self.root = tempfile.mkdtemp(prefix="pvm-cache-test-")
        self.tree = os.path.join(self.root, "tree")
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["PYTHONHASHSEED"] = "0"
        self.env.pop("PYTHONPATH", None)
        self.env.pop("PYTHONPYCACHEPREFIX", None)
        self.env.pop("PVM_STDLIB", None)
        # The default cache prefix for system and read-only trees.
        self.xdg = os.path.join(self.root, "xdg")
        self.env["XDG_CACHE_HOME"] = self.xdg
        self.tag = None  # "pvm-VV", learnt from the first cache written

    # ---- helpers -------------------------------------------------------------

    def write_tree(self, root=None):
        root = root or self.tree
        if os.path.exists(root):
            shutil.rmtree(root)
        for rel, text in MODULES.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        # Sources "written a while ago", as in real trees: a cache records the
        # exact nanosecond mtime, so this is not needed for correctness.
        past = time.time() - 100
        for rel in MODULES:
            os.utime(os.path.join(root, rel), (past, past))

    def run(self, *args, env=None, cwd=None, stdin=None):
        proc = subprocess.run([self.pvm, *args], cwd=cwd or self.tree, env=env or self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120,
                              stdin=subprocess.DEVNULL)
        return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
            proc.stderr.decode("utf-8", "replace")

    def run_main(self, *opts, env=None, expected=EXPECTED):
        rc, out, err = self.run(*opts, "main.py", env=env)
        self.check(rc == 0 and out == expected and err == "",
                   "run failed: rc=%d\n--- stdout\n%s--- stderr\n%s" % (rc, out, err))

    def check(self, cond, msg):
        if not cond:
            raise Failure(msg)

    def cache_of(self, rel, root=None):
        root = root or self.tree
        d, base = os.path.split(os.path.join(root, rel))
        name = base[:-3] if base.endswith(".py") else base
        if self.tag is None:
            found = glob.glob(os.path.join(d, "__pycache__", name + ".pvm-*.pyc"))
            if not found:
                return os.path.join(d, "__pycache__", name + ".pvm-?.pyc")
            m = re.search(r"\.(pvm-\d+)\.pyc$", found[0])
            self.check(m is not None, "bad cache name %s" % found[0])
            self.tag = m.group(1)
        return os.path.join(d, "__pycache__", "%s.%s.pyc" % (name, self.tag))

    def caches(self, root=None):
        return {rel: self.cache_of(rel, root) for rel in IMPORTED}

    def all_cache_files(self, root=None):
        root = root or self.tree
        found = []
        for d, _, files in os.walk(root):
            if os.path.basename(d) == "__pycache__":
                found += [os.path.join(d, f) for f in files]
        return sorted(found)

    def remove_caches(self, root=None):
        root = root or self.tree
        for d, dirs, _ in os.walk(root):
            if "__pycache__" in dirs:
                shutil.rmtree(os.path.join(d, "__pycache__"))

    def check_caches_present(self, root=None):
        for rel, path in self.caches(root).items():
            self.check(os.path.isfile(path), "no cache for %s (%s)" % (rel, path))
            with open(path, "rb") as f:
                head = f.read(HEADER)
            self.check(len(head) == HEADER and head[:3] == b"PVM", "bad header in %s" % path)
        main_caches = glob.glob(os.path.join(root or self.tree, "__pycache__", "main.*"))
        self.check(not main_caches, "the main script was cached: %s" % main_caches)
        leftovers = [p for p in self.all_cache_files(root) if p.endswith(".tmp")]
        self.check(not leftovers, "temp files left behind: %s" % leftovers)
        cpython = [p for p in self.all_cache_files(root) if "cpython" in p]
        self.check(not cpython, "pvm wrote CPython-named caches: %s" % cpython)

    def check_no_caches(self):
        files = self.all_cache_files()
        self.check(not files, "caches were written: %s" % files)

    def snapshot(self):
        out = {}
        for rel, path in self.caches().items():
            st = os.stat(path)
            with open(path, "rb") as f:
                out[rel] = (st.st_ino, st.st_mtime_ns, f.read())
        return out

    def test(self, name, fn):
        try:
            fn()
        except Failure as e:
            self.failed.append(name)
            print("FAIL %s: %s" % (name, e))
        except Exception as e:  # a bug in the test itself counts as a failure
            self.failed.append(name)
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
        else:
            self.passed += 1
            print("ok   %s" % name)
        sys.stdout.flush()

    # ---- scenarios ---------------------------------------------------------------

    def t_first_and_second_run(self):
        self.write_tree()
        self.run_main()
        self.check_caches_present()
        before = self.snapshot()
        self.run_main()
        after = self.snapshot()
        self.check(before == after, "a second run rewrote caches")

    def t_cache_is_used(self):
        # Edit util.py without changing its size or mtime: a run that uses
        # the cache still prints the old VERSION (this is what "the header
        # matches the source" means; CPython behaves the same).
        self.write_tree()
        self.run_main()
        path = os.path.join(self.tree, "util.py")
        st = os.stat(path)
        text = MODULES["util.py"].replace("VERSION = 1", "VERSION = 9")
        with open(path, "w") as f:
            f.write(text)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        self.run_main()  # still "version 1": the cached code ran
        # Touching the source (new mtime) makes the edit visible.
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1000))
        self.run_main(expected=EXPECTED.replace("version 1", "version 9"))

    def t_edit_picked_up(self):
        self.write_tree()
        self.run_main()
        old = self.snapshot()
        path = os.path.join(self.tree, "pkg/sub/deep.py")
        with open(path, "w") as f:
            f.write(MODULES["pkg/sub/deep.py"].replace("LEVEL = 2", "LEVEL = 30"))
        self.run_main(expected=EXPECTED.replace("api:PKG-CONST:2 2", "api:PKG-CONST:30 30"))
        new = self.snapshot()
        self.check(new["pkg/sub/deep.py"][2] != old["pkg/sub/deep.py"][2],
                   "the edited module's cache was not rewritten")
        self.check(all(new[r] == old[r] for r in IMPORTED if r != "pkg/sub/deep.py"),
                   "caches of unchanged modules were rewritten")
        # Editing back (same size, new mtime) is picked up as well.
        with open(path, "w") as f:
            f.write(MODULES["pkg/sub/deep.py"])
        self.run_main()

    def t_dont_write(self):
        self.write_tree()
        self.run_main("-B")
        self.check_no_caches()
        env = dict(self.env, PYTHONDONTWRITEBYTECODE="1")
        self.run_main(env=env)
        self.check_no_caches()
        # sys.dont_write_bytecode set by the program itself.
        with open(os.path.join(self.tree, "dwb.py"), "w") as f:
            f.write("import sys\nsys.dont_write_bytecode = True\nimport util\n"
                    "print(util.double(2))\n")
        rc, out, err = self.run("dwb.py")
        self.check(rc == 0 and out == "4\n", "dwb.py: %d %r %r" % (rc, out, err))
        self.check_no_caches()
        # Existing caches are still read with -B (and not rewritten).
        self.run_main()
        before = self.snapshot()
        self.run_main("-B")
        self.check(self.snapshot() == before, "-B changed caches")

    def t_delete(self):
        self.write_tree()
        self.run_main()
        pristine = self.snapshot()
        self.remove_caches()
        self.run_main()
        self.check_caches_present()
        now = self.snapshot()
        self.check(all(now[r][2] == pristine[r][2] for r in IMPORTED),
                   "caches rebuilt after deletion differ from the first ones")

    def corruptions(self, data):
        """(name, new bytes or None to make the cache a directory)"""
        n = len(data)
        mid = HEADER + (n - HEADER) // 2

        def flip(pos, mask=0x01):
            b = bytearray(data)
            b[pos] ^= mask
            return bytes(b)

        def put_u64(pos, value):
            b = bytearray(data)
            b[pos:pos + 8] = value.to_bytes(8, "little")
            return bytes(b)

        def put_u32(pos, value):
            b = bytearray(data)
            b[pos:pos + 4] = value.to_bytes(4, "little")
            return bytes(b)

        mtime = int.from_bytes(data[24:32], "little")
        size = int.from_bytes(data[32:40], "little")
        return [
            ("empty file", b""),
            ("truncated to 3 bytes", data[:3]),
            ("header only", data[:HEADER]),
            ("truncated header", data[:HEADER - 1]),
            ("truncated payload", data[:mid]),
            ("last byte missing", data[:-1]),
            ("trailing garbage", data + b"\x00garbage"),
            ("wrong magic", b"XVM" + data[3:]),
            ("wrong version in magic", flip(3)),
            ("wrong version field", put_u32(8, int.from_bytes(data[8:12], "little") + 1)),
            ("unknown flags", put_u32(12, 0x80)),
            ("check-source flag without hash", put_u32(12, 0x2)),
            ("other build", flip(16)),
            ("stale mtime", put_u64(24, mtime - 1_000_000_000)),
            ("future mtime", put_u64(24, mtime + 1)),
            ("wrong size", put_u64(32, size + 1)),
            ("wrong payload length", put_u64(40, n - HEADER + 1)),
            ("bad checksum", flip(48)),
            ("flipped payload byte (start)", flip(HEADER)),
            ("flipped payload byte (middle)", flip(mid, 0x40)),
            ("flipped payload byte (end)", flip(n - 1, 0x80)),
            ("random garbage", os.urandom(n)),
            ("text file", b"print('not a cache')\n" * 10),
            ("CPython cache", b"\xa7\r\r\n" + data[4:]),
            ("directory in the way", None),
        ]

    def t_corrupt(self):
        self.write_tree()
        self.run_main()
        pristine = self.snapshot()
        for rel in ["util.py", "pkg/api.py"]:
            path = self.cache_of(rel)
            data = pristine[rel][2]
            for name, bad in self.corruptions(data):
                if os.path.isdir(path):
                    shutil.rmtree(path)
                elif os.path.exists(path):
                    os.unlink(path)
                if bad is None:
                    os.makedirs(os.path.join(path, "x"))
                else:
                    with open(path, "wb") as f:
                        f.write(bad)
                try:
                    self.run_main()
                except Failure as e:
                    raise Failure("%s / %s: %s" % (rel, name, e))
                if bad is None:
                    self.check(os.path.isdir(path), "%s: the directory vanished" % name)
                    shutil.rmtree(path)
                    continue
                with open(path, "rb") as f:
                    now = f.read()
                self.check(now == data, "%s / %s: the cache was not rewritten as a fresh one"
                           % (rel, name))

    def t_corrupt_all_at_once(self):
        # Every cache garbage at the same time, then every cache truncated.
        self.write_tree()
        self.run_main()
        pristine = self.snapshot()
        for how in ("garbage", "truncate", "zero"):
            for rel, path in self.caches().items():
                data = pristine[rel][2]
                with open(path, "wb") as f:
                    if how == "garbage":
                        f.write(os.urandom(len(data)))
                    elif how == "truncate":
                        f.write(data[:len(data) // 3])
                    else:
                        f.write(data[:HEADER] + bytes(len(data) - HEADER))
            self.run_main()
            now = self.snapshot()
            self.check(all(now[r][2] == pristine[r][2] for r in IMPORTED),
                       "%s: caches not rebuilt" % how)

    def t_unwritable(self):
        # A file named __pycache__ where the folder should be: no cache can
        # be written, and nothing complains.
        self.write_tree()
        for d in ("", "pkg", "pkg/sub"):
            with open(os.path.join(self.tree, d, "__pycache__"), "w") as f:
                f.write("not a folder")
        self.run_main()
        self.run_main()
        # A read-only folder (only meaningful when not running as root).
        if os.geteuid() != 0:
            self.write_tree()
            os.chmod(self.tree, 0o555)
            try:
                self.run_main()
                self.check(not os.path.exists(os.path.join(self.tree, "__pycache__")),
                           "a cache folder appeared in a read-only folder")
                # ... its caches live under the default prefix instead.
                moved = self.prefixed_cache(os.path.join(self.xdg, "pvm"), "util.py")
                self.check(os.path.isfile(moved), "no cache under the prefix: %s" % moved)
            finally:
                os.chmod(self.tree, 0o755)

    # ---- cache prefixes ------------------------------------------------------

    def prefixed_cache(self, prefix, rel, root=None):
        """Where a cache lives under a prefix: PREFIX/<absolute source dir>/NAME.tag.pyc."""
        src = os.path.join(root or self.tree, rel)
        d, base = os.path.split(os.path.abspath(src))
        return os.path.join(prefix, d.lstrip("/"), base[:-3] + "." + (self.tag or "pvm-3") + ".pyc")

    def prefix_files(self, prefix):
        found = []
        for d, _, files in os.walk(prefix):
            found += [os.path.join(d, f) for f in files]
        return sorted(found)

    def t_pycache_prefix(self):
        # PYTHONPYCACHEPREFIX: every cache under the prefix, none beside sources.
        self.write_tree()
        pfx = os.path.join(self.root, "pfx")
        shutil.rmtree(pfx, ignore_errors=True)
        env = dict(self.env, PYTHONPYCACHEPREFIX=pfx)
        self.run_main(env=env)
        self.check_no_caches()
        for rel in IMPORTED:
            path = self.prefixed_cache(pfx, rel)
            self.check(os.path.isfile(path), "no cache for %s at %s" % (rel, path))
        self.check(not [p for p in self.prefix_files(pfx) if p.endswith(".tmp")],
                   "temp files left under the prefix")
        before = {p: os.stat(p).st_mtime_ns for p in self.prefix_files(pfx)}
        self.run_main(env=env)
        after = {p: os.stat(p).st_mtime_ns for p in self.prefix_files(pfx)}
        self.check(before == after, "a warm run under the prefix rewrote caches")
        # The cache under the prefix is what runs (same size and mtime edit).
        util = os.path.join(self.tree, "util.py")
        st = os.stat(util)
        with open(util) as f:
            text = f.read()
        with open(util, "w") as f:
            f.write(text.replace('NAME = "util"', 'NAME = "UTIL"'))
        os.utime(util, ns=(st.st_atime_ns, st.st_mtime_ns))
        self.run_main(env=env)
        self.write_tree()
        # sys.pycache_prefix and __cached__ follow it; -X pycache_prefix wins.
        with open(os.path.join(self.tree, "show.py"), "w") as f:
            f.write("import sys, util\nprint(sys.pycache_prefix)\nprint(util.__cached__)\n")
        other = os.path.join(self.root, "other")
        rc, out, err = self.run("-X", "pycache_prefix=" + other, "show.py", env=env)
        want = "%s\n%s\n" % (other, self.prefixed_cache(other, "util.py"))
        self.check(rc == 0 and out == want, "-X pycache_prefix: %d %r %r" % (rc, out, err))
        self.check(os.path.isfile(self.prefixed_cache(other, "util.py")), "-X prefix unused")
        self.check_no_caches()
        rc, out, err = self.run("show.py")
        self.check(rc == 0 and out.startswith("None\n"), "no prefix: %d %r %r" % (rc, out, err))
        shutil.rmtree(other, ignore_errors=True)
        shutil.rmtree(pfx, ignore_errors=True)

    def t_system_tree(self):
        # A standard library directory (PVM_STDLIB) is never written into,
        # even by root: its caches go under $XDG_CACHE_HOME/pvm.
        self.write_tree()
        std = os.path.join(self.root, "stdlib")
        shutil.rmtree(std, ignore_errors=True)
        os.makedirs(os.path.join(std, "stdpkg"))
        for rel, text in [("os.py", "import posix\n"), ("stdmod.py", "X = 41\n"),
                          ("stdpkg/__init__.py", "from .inner import Y\n"),
                          ("stdpkg/inner.py", "Y = 1\n")]:
            with open(os.path.join(std, rel), "w") as f:
                f.write(text)
        # pvm's start-up runs the library's importlib._bootstrap(_external).
        os.makedirs(os.path.join(std, "importlib"))
        for rel in ("importlib/_bootstrap.py", "importlib/_bootstrap_external.py"):
            shutil.copyfile(os.path.join("/usr/lib/python3.11", rel), os.path.join(std, rel))
        with open(os.path.join(self.tree, "usestd.py"), "w") as f:
            f.write("import stdmod, stdpkg\nprint(stdmod.X + stdpkg.Y)\n")
        env = dict(self.env, PVM_STDLIB=std)
        shutil.rmtree(self.xdg, ignore_errors=True)
        for attempt in range(2):
            rc, out, err = self.run("usestd.py", env=env)
            self.check(rc == 0 and out == "42\n" and err == "", "usestd: %d %r %r" % (rc, out, err))
            written = [os.path.join(d, f) for d, _, fs in os.walk(std) for f in fs
                       if "__pycache__" in d or f.endswith(".pyc")]
            self.check(not written, "caches written into the standard library: %s" % written)
            for rel in ("stdmod.py", "stdpkg/__init__.py", "stdpkg/inner.py",
                        "importlib/_bootstrap.py"):
                path = self.prefixed_cache(os.path.join(self.xdg, "pvm"), rel, std)
                self.check(os.path.isfile(path), "no cache for %s at %s" % (rel, path))
            if attempt == 0:
                before = {p: os.stat(p).st_mtime_ns for p in self.prefix_files(self.xdg)}
        after = {p: os.stat(p).st_mtime_ns for p in self.prefix_files(self.xdg)}
        self.check(before == after, "a warm run recompiled standard modules")
        # No XDG_CACHE_HOME: ~/.cache/pvm.
        home = os.path.join(self.root, "home")
        env2 = dict(env, HOME=home)
        env2.pop("XDG_CACHE_HOME")
        rc, out, err = self.run("usestd.py", env=env2)
        self.check(rc == 0 and out == "42\n", "HOME run: %d %r %r" % (rc, out, err))
        path = self.prefixed_cache(os.path.join(home, ".cache", "pvm"), "stdmod.py", std)
        self.check(os.path.isfile(path), "no cache at %s" % path)
        # The real standard library: caches under the prefix, none beside it.
        rc, out, err = self.run("-c", "import keyword; print(keyword.__cached__)")
        want = self.prefixed_cache(os.path.join(self.xdg, "pvm"), "/usr/lib/python3.11/keyword.py", "/")
        self.check(rc == 0 and out == want + "\n", "keyword: %d %r %r" % (rc, out, err))
        self.check(os.path.isfile(want), "no cache for keyword at %s" % want)
        beside = glob.glob("/usr/lib/python3.11/__pycache__/*.pvm-*")
        self.check(not beside, "pvm caches inside /usr/lib/python3.11: %s" % beside)
        # A missing standard library is named in a warning.
        rc, out, err = self.run("-c", "print(1)", env=dict(self.env, PVM_STDLIB=self.tree + "/none"))
        self.check(rc == 0 and out == "1\n" and "PVM_STDLIB" in err, "missing stdlib: %r" % err)
        shutil.rmtree(std, ignore_errors=True)

    def t_fifty_processes(self):
        for attempt in range(2):
            self.write_tree()
            procs = [subprocess.Popen([self.pvm, "main.py"], cwd=self.tree, env=self.env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      stdin=subprocess.DEVNULL) for _ in range(50)]
            results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
            for i, (out, err, rc) in enumerate(results):
                self.check(rc == 0 and out.decode() == EXPECTED and err == b"",
                           "process %d: rc=%d out=%r err=%r" % (i, rc, out[-300:], err[-500:]))
            self.check_caches_present()
            first = self.snapshot()
            self.run_main()
            self.check(self.snapshot() == first, "caches written by 50 processes were not used")
            # Again with corrupt caches: everyone ignores and rewrites them.
            for path in self.caches().values():
                with open(path, "r+b") as f:
                    f.seek(HEADER + 1)
                    f.write(b"\xff\xfe")
            procs = [subprocess.Popen([self.pvm, "main.py"], cwd=self.tree, env=self.env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      stdin=subprocess.DEVNULL) for _ in range(50)]
            for i, p in enumerate(procs):
                out, err = p.communicate(timeout=300)
                self.check(p.returncode == 0 and out.decode() == EXPECTED and err == b"",
                           "process %d (corrupt caches): %r %r" % (i, out[-300:], err[-500:]))
            self.check_caches_present()
            now = self.snapshot()
            self.check(all(now[r][2] == first[r][2] for r in IMPORTED),
                       "caches not rebuilt identically after corruption")

    def t_threads(self):
        self.write_tree()
        with open(os.path.join(self.tree, "thr.py"), "w") as f:
            f.write("""\
import threading
out = []
b = threading.Barrier(8)
def work():
    b.wait()
    import shapes, util
    from pkg.sub import deep
    out.append((shapes.Square(2).area(), util.double(4), deep.LEVEL))
ts = [threading.Thread(target=work) for _ in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(set(out)), len(out))
""")
        for _ in range(2):  # fresh, then warm
            rc, out, err = self.run("thr.py")
            self.check(rc == 0 and out == "[(4, 8, 2)] 8\n" and err == "",
                       "thr.py: %d %r %r" % (rc, out, err))
        self.check(os.path.isfile(self.cache_of("shapes.py")), "no cache after threads")

    def t_compile(self):
        self.write_tree()
        rc, out, err = self.run("--compile", "-q", ".")
        self.check(rc == 0 and err == "", "--compile: %d %r %r" % (rc, out, err))
        self.check_caches_present_compiled()
        before = self.snapshot()
        self.run_main()
        self.check(self.snapshot() == before, "caches from --compile were not used")
        # A syntax error: reported, exit 1, the other files still compiled.
        self.remove_caches()
        with open(os.path.join(self.tree, "pkg", "broken.py"), "w") as f:
            f.write("def f(:\n    pass\n")
        rc, out, err = self.run("--compile", "-q", self.tree)
        self.check(rc == 1 and "SyntaxError" in err and "broken.py" in err,
                   "--compile with a syntax error: %d %r %r" % (rc, out, err))
        self.check_caches_present_compiled()
        rc, out, err = self.run("--compile", "-q", "missing_dir_xyz")
        self.check(rc == 1 and "missing_dir_xyz" in err, "--compile missing: %d %r" % (rc, err))
        # Listing mode names what it compiles.
        rc, out, err = self.run("--compile", "util.py")
        self.check(rc == 0 and "util.py" in out, "--compile listing: %d %r %r" % (rc, out, err))

    def check_caches_present_compiled(self):
        for rel in list(IMPORTED) + ["main.py", "pkg/__main__.py"]:
            self.check(os.path.isfile(self.cache_of(rel)), "--compile skipped %s" % rel)

    def t_hash_modes(self):
        # checked-hash: the source is re-hashed, so an edit that keeps size
        # and mtime is still seen; unchecked-hash: the cache is trusted.
        self.write_tree()
        path = os.path.join(self.tree, "util.py")
        rc, out, err = self.run("--compile", "-q", "--invalidation-mode", "checked-hash", ".")
        self.check(rc == 0, "--compile checked-hash: %r" % err)
        with open(self.cache_of("util.py"), "rb") as f:
            self.check(int.from_bytes(f.read(16)[12:16], "little") == 3, "flags not checked-hash")
        self.run_main()
        before = self.snapshot()
        self.run_main()
        self.check(self.snapshot() == before, "checked-hash caches were rewritten")
        st = os.stat(path)
        with open(path, "w") as f:
            f.write(MODULES["util.py"].replace("VERSION = 1", "VERSION = 5"))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        self.run_main(expected=EXPECTED.replace("version 1", "version 5"))
        with open(self.cache_of("util.py"), "rb") as f:
            self.check(int.from_bytes(f.read(16)[12:16], "little") == 3,
                       "the rewritten cache lost its checked-hash mode")
        self.run_main(expected=EXPECTED.replace("version 1", "version 5"))
        # unchecked-hash
        self.write_tree()
        rc, out, err = self.run("--compile", "-q", "--invalidation-mode", "unchecked-hash", ".")
        self.check(rc == 0, "--compile unchecked-hash: %r" % err)
        with open(path, "w") as f:
            f.write(MODULES["util.py"].replace("VERSION = 1", "VERSION = 6"))
        self.run_main()  # the cache is trusted: still version 1
        os.unlink(self.cache_of("util.py"))
        self.run_main(expected=EXPECTED.replace("version 1", "version 6"))

    def t_run_pyc(self):
        self.write_tree()
        script = os.path.join(self.tree, "standalone.py")
        with open(script, "w") as f:
            f.write("import sys\nprint('hello from', __name__, sys.argv[1:])\n"
                    "def f():\n    raise KeyError('k')\nf()\n")
        rc, out, err = self.run("--compile", "-q", script)
        self.check(rc == 0, "--compile standalone: %r" % err)
        pyc = self.cache_of("standalone.py")
        rc, out, err = self.run(pyc, "a", "b")
        self.check(rc == 1 and out == "hello from __main__ ['a', 'b']\n"
                   and 'standalone.py", line 4, in f' in err and "KeyError: 'k'" in err,
                   "running the .pyc: %d %r %r" % (rc, out, err))
        # The source is not consulted: it may be gone.
        os.unlink(script)
        rc2, out2, err2 = self.run(pyc, "a", "b")
        self.check((rc2, out2) == (rc, out), "running the .pyc without its source: %r" % err2)
        # Bad .pyc files given on the command line: an error, never a crash.
        with open(pyc, "rb") as f:
            data = f.read()
        for name, bad in self.corruptions(data):
            if bad is None or name in ("stale mtime", "future mtime", "wrong size"):
                continue  # the header's source fields are not checked for a .pyc run
            with open(pyc, "wb") as f:
                f.write(bad)
            rc, out, err = self.run(pyc)
            self.check(rc == 1 and out == "" and "Error" in err and "Traceback" not in err[:10],
                       "bad .pyc (%s): %d %r %r" % (name, rc, out, err))

    def t_crafted_pyc(self):
        # Caches with a valid header and checksum whose instructions were
        # mutated (opcodes, operands, jump words, EXTENDED_ARG prefixes): the
        # loader rejects what the interpreter would trust ("invalid bytecode
        # cache file"), and what it accepts runs; pvm is never killed by
        # a signal.  A mutant may loop: a timeout is not a crash.
        import random
        self.write_tree()
        script = os.path.join(self.tree, "crafted.py")
        with open(script, "w") as f:
            f.write(CRAFTED_PROGRAM)
        rc, out, err = self.run("--compile", "-q", script)
        self.check(rc == 0, "--compile crafted: %r" % err)
        pyc = self.cache_of("crafted.py")
        with open(pyc, "rb") as f:
            image = f.read()
        arrays = instruction_arrays(image[HEADER:])
        rng = random.Random(1234)
        crashes, rejected, timeouts = [], 0, 0
        for k in range(150):
            data = bytearray(image)
            for _ in range(rng.randint(1, 3)):
                off, n = rng.choice(arrays)
                if n == 0:
                    continue
                at = HEADER + off + 4 * rng.randrange(n)
                word = int.from_bytes(data[at:at + 4], "little")
                how = rng.randrange(6)
                if how == 0:
                    word = (word & ~0xff) | rng.randrange(160)
                elif how == 1:
                    word ^= 1 << rng.randrange(8, 32)
                elif how == 2:
                    word = rng.randrange(n + 2)
                elif how == 3:
                    word = 1 | rng.randrange(3) << 8 | rng.randrange(3) << 16 | rng.randrange(3) << 24
                elif how == 4:
                    o2, n2 = rng.choice(arrays)
                    at2 = HEADER + o2 + 4 * rng.randrange(max(n2, 1))
                    word = int.from_bytes(data[at2:at2 + 4], "little")
                else:
                    word = (word & 0xff) | rng.getrandbits(24) << 8
                data[at:at + 4] = word.to_bytes(4, "little")
            payload = bytes(data[HEADER:])
            data[48:56] = payload_checksum(payload).to_bytes(8, "little")
            mutant = os.path.join(self.tree, "mutant%d.pyc" % k)
            with open(mutant, "wb") as f:
                f.write(data)
            try:
                proc = subprocess.run([self.pvm, mutant], cwd=self.tree, env=self.env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      stdin=subprocess.DEVNULL, timeout=3)
            except subprocess.TimeoutExpired:
                timeouts += 1
                continue
            finally:
                os.unlink(mutant)
            if proc.returncode < 0:
                crashes.append((k, -proc.returncode, proc.stderr[-300:]))
            elif b"invalid bytecode cache file" in proc.stderr:
                rejected += 1
        if self.verbose:
            print("  crafted: %d rejected, %d timeouts, %d crashes" % (rejected, timeouts,
                                                                       len(crashes)))
        self.check(not crashes, "pvm killed by a signal on crafted caches: %r" % crashes[:3])
        self.check(0 < rejected < 150, "the mutants were all accepted or all rejected")

    def t_dash_m(self):
        self.write_tree()
        rc, out, err = self.run("-m", "pkg")
        self.check(rc == 0 and out == "pkg main api:PKG-CONST:2 __main__\n" and err == "",
                   "-m pkg: %d %r %r" % (rc, out, err))
        self.check(os.path.isfile(self.cache_of("pkg/__main__.py")), "-m did not cache")
        with open(os.path.join(self.tree, "showargs.py"), "w") as f:
            f.write("import sys\nprint(__name__, sys.argv[0].endswith('showargs.py'), "
                    "sys.argv[1:], sys.path[0] == %r)\n" % os.path.realpath(self.tree))
        rc, out, err = self.run("-m", "showargs", "x", "-y")
        self.check(rc == 0 and out == "__main__ True ['x', '-y'] True\n",
                   "-m showargs: %d %r %r" % (rc, out, err))
        rc, out, err = self.run("-m", "no_such_module_xyz")
        self.check(rc == 1 and "No module named no_such_module_xyz" in err,
                   "-m missing: %d %r" % (rc, err))
        # __spec__ and __loader__ as runpy sets them (CPython's output).
        with open(os.path.join(self.tree, "showspec.py"), "w") as f:
            f.write("print(__spec__.name, repr(__spec__.parent), __name__, "
                    "type(__loader__).__name__, __spec__.origin == __file__)\n")
        rc, out, err = self.run("-m", "showspec")
        self.check(rc == 0 and out == "showspec '' __main__ SourceFileLoader True\n",
                   "-m showspec: %d %r %r" % (rc, out, err))

    def t_odd_sources(self):
        # Empty module, no trailing newline, only a docstring, CRLF, a
        # big generated module, deep nesting.
        self.write_tree()
        extra = {
            "m_empty.py": "",
            "m_nonl.py": "X = 1",
            "m_doc.py": "'''only a docstring'''",
            "m_crlf.py": "X = 2\r\nY = X + 1\r\n",
            "m_big.py": "".join("v%d = %d + len('%s')\n" % (i, i, "x" * (i % 50))
                                for i in range(3000)) + "N = len(dir())\n",
            "m_nested.py": "def f0():\n" + "".join(
                "    " * i + "def f%d():\n" % i for i in range(1, 30)) + "    " * 30 + "return 7\n",
        }
        for name, text in extra.items():
            with open(os.path.join(self.tree, name), "w", newline="") as f:
                f.write(text)
        prog = ("import m_empty, m_nonl, m_doc, m_crlf, m_big, m_nested\n"
                "print(m_nonl.X, m_doc.__doc__, m_crlf.Y, m_big.v2999, m_big.N, "
                "m_nested.f0 is not None)\n")
        with open(os.path.join(self.tree, "odd.py"), "w") as f:
            f.write(prog)
        for _ in range(2):
            rc, out, err = self.run("odd.py")
            self.check(rc == 0 and out == "1 only a docstring 3 3048 3008 True\n",
                       "odd.py: %d %r %r" % (rc, out, err))
        for name in extra:
            self.check(os.path.isfile(self.cache_of(name)), "no cache for %s" % name)

    def t_big_operands(self):
        # A module with more than 65,535 constants, names and locals needs
        # chained EXTENDED_ARG prefixes: the cache must store and reload
        # them (second run and running the .pyc directly print the same).
        self.write_tree()
        n = 70000
        src = "xs = [" + ", ".join("%d.5" % i for i in range(n)) + "]\n"
        src += "".join("n%d = %d\n" % (i, i) for i in range(n))
        src += "def f():\n" + "".join("    l%d = %d.75\n" % (i, i) for i in range(n))
        src += "    return l0 + l65536 + l%d\n" % (n - 1)
        src += "result = (len(xs), xs[65536], n65536 + n%d, f())\n" % (n - 1)
        with open(os.path.join(self.tree, "m_wide.py"), "w") as f:
            f.write(src)
        with open(os.path.join(self.tree, "wide.py"), "w") as f:
            f.write("import m_wide\nprint(m_wide.result)\n")
        # What CPython 3.11 prints for this program.
        expected = "(70000, 65536.5, 135535, 135537.25)\n"
        rc, out, err = self.run("wide.py")
        self.check(rc == 0 and out == expected, "first run: %d %r %r" % (rc, out, err[-500:]))
        cache = self.cache_of("m_wide.py")
        self.check(os.path.isfile(cache), "no cache for m_wide.py")
        st = os.stat(cache)
        rc, out, err = self.run("wide.py")
        self.check(rc == 0 and out == expected, "cached run: %d %r %r" % (rc, out, err[-500:]))
        st2 = os.stat(cache)
        self.check((st.st_ino, st.st_mtime_ns) == (st2.st_ino, st2.st_mtime_ns),
                   "the cache was rewritten (rejected by the loader?)")
        rc, out, err = self.run(cache)
        self.check(rc == 0 and out == "", "running the .pyc: %d %r %r" % (rc, out, err[-500:]))

    def main(self):
        try:
            self.test("first run writes caches, second run rewrites nothing",
                      self.t_first_and_second_run)
            self.test("the cache is what runs", self.t_cache_is_used)
            self.test("an edited module is picked up", self.t_edit_picked_up)
            self.test("-B / PYTHONDONTWRITEBYTECODE / sys.dont_write_bytecode", self.t_dont_write)
            self.test("deleted caches are rebuilt", self.t_delete)
            self.test("corrupt caches are ignored and rewritten", self.t_corrupt)
            self.test("all caches corrupt at once", self.t_corrupt_all_at_once)
            self.test("unwritable cache folder", self.t_unwritable)
            self.test("50 processes at once on a fresh tree", self.t_fifty_processes)
            self.test("threads importing at once", self.t_threads)
            self.test("pvm --compile", self.t_compile)
            self.test("hash-based caches (PEP 552)", self.t_hash_modes)
            self.test("running a .pyc file", self.t_run_pyc)
            self.test("pvm -m", self.t_dash_m)
            self.test("PYTHONPYCACHEPREFIX and -X pycache_prefix", self.t_pycache_prefix)
            self.test("the standard library's caches live under ~/.cache/pvm", self.t_system_tree)
            self.test("odd sources", self.t_odd_sources)
            self.test("operands above 65,535 (chained EXTENDED_ARG)", self.t_big_operands)
            self.test("crafted caches (valid checksum, mutated code) never crash",
                      self.t_crafted_pyc)
        finally:
            if not self.failed:
                shutil.rmtree(self.root, ignore_errors=True)
            else:
                print("test tree kept in", self.root)
        print("%d passed, %d failed" % (self.passed, len(self.failed)))
        return 1 if self.failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pvm", default=os.path.join(REPO, "build", "pvm"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not os.path.isfile(args.pvm):
        print("pvm binary not found: %s" % args.pvm)
        return 2
    return Tester(args.pvm, args.verbose).main()


if __name__ == "__main__":
    sys.exit(main())
