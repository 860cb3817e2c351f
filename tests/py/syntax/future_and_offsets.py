# from __future__: unknown features, 'braces' and late future imports are
# SyntaxErrors with CPython 3.11's locations; also the locations of
# 'import *' in a function, 'nonlocal and global' and a bad exponent sign.
import subprocess
import sys

srcs = ["from __future__ import doesnt_exist", "from __future__ import braces", "x=1\nfrom __future__ import division",
"'''doc'''\nfrom __future__ import annotations\nfrom __future__ import division", "from __future__ import annotations, nope",
"import os\nfrom __future__ import annotations", "def f():\n  from __future__ import division", "from __future__ import (division, generators)",
"def f():\n  from _ import *", "class C:\n    from os import *", "def f():\n  global x\n  nonlocal x", "def f():\n  x = 1\n  def g():\n    global x\n    nonlocal x",
"x = 32e-+4", "def f(x):\n  global x", "def f():\n  x = 1\n  global x", "def f():\n  print(x)\n  global x", "def f():\n  nonlocal x", "nonlocal x",
"from __future__ import division; import os; from __future__ import annotations",
"import os; from __future__ import annotations",
"from __future__ import division; from __future__ import annotations\nx=1"]
for s in srcs:
    try:
        compile(s, "<s>", "exec")
        print(repr(s), "OK")
    except SyntaxError as e:
        print(repr(s), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
for s in ["x = 32e-+4", "1e+", "1e-x", "1e+_1", "1.5e-a", "x=1e+\n", "1E-", "0e+a", "1_e+1", "1.e-j", "(1e+)", "1e+ 2"]:
    try:
        compile(s, "<s>", "exec"); print(repr(s), "OK")
    except SyntaxError as e:
        print(repr(s), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
# A docstring may precede; the features still work.
src = '"""doc"""\nfrom __future__ import annotations\nfrom __future__ import division, generator_stop\ndef f(x: undefined_name) -> int: pass\nprint(f.__annotations__)\n'
print(subprocess.run([sys.executable, "-c", src], capture_output=True, text=True).stdout, end="")
src = 'from __future__ import braces\n'
r = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True)
print(r.returncode, r.stderr.splitlines()[-1])
