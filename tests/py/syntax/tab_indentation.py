# Inconsistent tabs and spaces: TabError, IndentationError or a parser error,
# whichever CPython 3.11 meets first (it tokenizes lazily), with its positions.
# Indentation is not split over lines by a backslash continuation.

cases = [
    "if x:\n\ty\n        z\n",
    "if x:\n        y\n\tz\n",
    "if x:\n    \ty\n\t    z\n",
    "if x:\n\ty\n    \tz\n",
    "if x:\n  \ty\n\tz\n",
    "if x:\n\tif y:\n\t\tz\n        \tw\n",
    "\tif x:\n        y\n\tz",
    " \tx\n",
    "if x:\n\t\ty\n\tz\n",
    "if x:\n        y\n\t\tz\n",
    "def f():\n\tx = 1\n        return x\n",
    "def f():\n        x = 1\n\treturn x\n",
    "if x:\n    y\n\tz\n",
    "if x:\n\ty\n    z\n",
    "if x:\n\ty\n\t z\n",
    "if x:\n\ty\n \tz\n",
    "if x:\n  y\n\t\tz\n",
    "class C:\n\tdef f(self):\n\t\tpass\n\tdef g(self):\n        \tpass\n",
    "if x:\n\ty\nelse:\n        z\n",
    "x = 1\n\ty = 2\n",
    "if x:\n    a\n  b\n",
    "if x:\n\t\ta\n\t b\n",
    "for i in x:\n\ta\n\t\tb\n",
    "if x:\n\ta\n\t\t\n\tb\n",
    "if x:\n\ta\n        # c\n\tb\n",
    "if x:\n\ta = (1,\n        2)\n\tb\n",
    "x = 1\n  y\n\tz\n   w",
    "for x in y:\n\tbreak\n        $",
    # backslash continuations inside the indentation
    "if x:\n\ta\n\t\\\n        b\n",
    "if x:\n\ta\n\t\\\n\t b\n",
    "\\\n\tx = 1\n",
    "if x:\n\ta = 1 + \\\n        2\n",
    "x = 1 + \\\n\t2\n",
    "if x:\n        a = 1 + \\\n\t2\n",
    "if x:\n\ta = 1 + \\\n        2\n\tb = 2\n",
    "if x:\n\ta = 1 + \\\n \\\n        2\n",
    # a parser error before the tokenizer error wins, a plain "invalid syntax" does not
    "f(\n  x y\n  $)",
    "if x\n  y = $",
    "x = $ 1 2",
    "x y\n$",
    "def f(:\n $",
    "1 = 2\n$",
    "del 1\n$",
    "(x for x in y) = 1\n$",
]
for s in cases:
    try:
        compile(s, "<tab>", "exec")
        print(ascii(s), "ok")
    except SyntaxError as e:
        print(ascii(s), type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
