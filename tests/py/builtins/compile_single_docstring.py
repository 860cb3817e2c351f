# compile(..., "single"): functions and classes keep their docstrings (only
# a string statement at the prompt's top level is an expression to print).
for mode in ("single", "exec"):
    g = {}
    exec(compile('def f():\n    "fdoc"\n    return 1\n', "<s>", mode), g)
    print(mode, repr(g["f"].__doc__), g["f"]())
    exec(compile('class C:\n    "cdoc"\n    def m(self):\n        "mdoc"\n', "<s>", mode), g)
    print(mode, repr(g["C"].__doc__), repr(g["C"].m.__doc__))
    exec(compile('async def a():\n    "adoc"\n', "<s>", mode), g)
    print(mode, repr(g["a"].__doc__))
    exec(compile('"top"\n', "<s>", mode), g)
    print(mode, repr(g.get("__doc__")))
