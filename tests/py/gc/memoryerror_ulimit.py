# Allocations that fail under an address-space limit (ulimit -v) raise
# MemoryError, which the program can catch and handle (no crash, no abort).
# Each program runs in a child interpreter under `ulimit -v` (17 of them:
# about 13 s on an idle 2-core machine, past 30 s under load).
# test-timeout: 150
import subprocess
import sys

if sys.implementation.name == "pvm":
    import _pvm

    if _pvm.sanitizer == "address":
        # ASan maps its shadow memory at start-up and cannot start at all
        # under an address-space limit: nothing of pvm's can be tested here.
        print("SKIP")
        sys.exit(0)

LIMIT_KB = 250000

PROGRAMS = [
    "x = [0] * (10**9)",
    "x = bytes(10**10)",
    "x = 'a' * 10**10",
    "x = bytearray(10**9)",
    "x = (0,) * 10**9",
    "x = list(range(10**9))",
    "s = set(range(10**9))",
    "x = ''.join(['abcdefgh'] * 10**8)",
    "x = {i: i for i in range(10**8)}",
    "l = []\nwhile True: l.append([0] * 1000)",
    "l = []\nwhile True: l.append({1: 2})",
    "d = {}\ni = 0\nwhile True:\n    d[i] = str(i)\n    i += 1",
    "x = [1]\nwhile True: x = x + x",
    "s = ''\nwhile True: s += 'x' * 1000000",
    "import collections\nd = collections.deque()\nwhile True: d.append([0] * 100)",
    "import gc\nl = []\nwhile True:\n    a = []\n    a.append(a)\n    l.append(a)\n    if len(l) % 100000 == 0: gc.collect()",
    "import threading\nr = []\ndef f():\n    l = []\n    try:\n        while True: l.append([0] * 100)\n    except MemoryError:\n        r.append('thread caught it')\nt = threading.Thread(target=f)\nt.start()\nt.join()\nprint(r)\nraise MemoryError",
]

WRAPPER = """
try:
    exec(%r)
except MemoryError as e:
    print('caught', type(e).__name__)
"""

for prog in PROGRAMS:
    code = WRAPPER % prog
    p = subprocess.run(["sh", "-c", 'ulimit -v %d; exec "$0" -c "$1"' % LIMIT_KB,
                        sys.executable, code],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    out = p.stdout.decode(errors="replace").strip().splitlines()
    print(prog.splitlines()[-1].strip()[:40], "->", out[-2:], p.returncode)
