# hash() of str, bytes and memoryview under PYTHONHASHSEED: fixed seeds give
# CPython's values, no seed gives a different secret in every process, and a
# bad seed is a fatal start-up error.
import os
import subprocess
import sys

PROBE = r"""
import sys
print(sys.flags.hash_randomization)
for v in ('abc', b'abc', '', b'', '\xe9t\xe9', '\u20ac', '\U0001f600',
          'x' * 8, 'long text past one block', '\udc80', '\xff\u0100',
          memoryview(b'xy'), memoryview(b'')):
    print(repr(v) if not isinstance(v, memoryview) else 'mv', hash(v))
print(hash(('abc', b'abc')))
print(hash(frozenset(['abc'])))
"""


def run(seed, *flags):
    env = dict(os.environ)
    env.pop("PYTHONHASHSEED", None)
    if seed is not None:
        env["PYTHONHASHSEED"] = seed
    return subprocess.run([sys.executable, *flags, "-c", PROBE], env=env,
                          capture_output=True, text=True)


for seed in ("0", "1", "42", "4294967295", "random", ""):
    r = run(seed)
    print("seed", repr(seed), r.returncode)
    if seed not in ("random", ""):
        print(r.stdout, end="")
    else:
        print(r.stdout.splitlines()[0])

a = run(None).stdout
b = run(None).stdout
print("two unseeded runs differ:", a != b)
print("unseeded randomization flag:", a.splitlines()[0])

for bad in ("abc", "-1", "4294967296", "1.5", " "):
    r = run(bad)
    print("bad", repr(bad), r.returncode, r.stdout == "")
    print(r.stderr.strip())

# -E ignores the variable: a bad value is no error, and 0 does not fix it.
r = run("abc", "-E")
print("-E bad", r.returncode, r.stdout.splitlines()[0])
r = run("0", "-E")
print("-E zero", r.returncode, r.stdout.splitlines()[0])
