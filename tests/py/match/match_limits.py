# Big and deeply nested patterns: registers past 255 (EXTENDED_ARG), many cases and
# alternatives, CPython's star-unpacking limit.
def run(src, ns=None):
    try:
        exec(compile(src, "<s>", "exec"), ns if ns is not None else {})
        print("ok")
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(type(e).__name__, str(e)[:60])

# deep nesting of sequence patterns
for d in [10, 50, 100, 150]:
    run("match " + "[" * d + "1" + "]" * d + ":\n    case " + "[" * d + "x" + "]" * d + ":\n        print('deep', x)\n")
for d in [10, 100, 190]:
    run("match 1:\n    case " + "(" * d + "x" + ")" * d + ":\n        print('parens', x)\n")
# many alternatives
run("match 999:\n    case " + " | ".join(str(i) for i in range(1000)) + ":\n        print('alt')\n")
# many keys
n = 300
d = "{" + ", ".join("%d: %d" % (i, i) for i in range(n)) + "}"
pat = "{" + ", ".join("%d: v%d" % (i, i) for i in range(n)) + ", **rest}"
run("match " + d + ":\n    case " + pat + ":\n        print('keys', v0, v299, rest)\n")
# long sequence
pat = "[" + ", ".join("a%d" % i for i in range(300)) + ", *r]"
run("match list(range(400)):\n    case " + pat + ":\n        print('seq', a0, a299, len(r))\n")
pat = "[" + ", ".join("_" for i in range(300)) + ", *_, z]"
run("match list(range(400)):\n    case " + pat + ":\n        print('seq2', z)\n")
# class pattern with many positional sub-patterns
ns = {}
exec("class C:\n    __match_args__ = tuple('a%d' % i for i in range(300))\n    def __getattr__(self, n):\n        return n\n", ns)
pat = "C(" + ", ".join("x%d" % i for i in range(300)) + ", k=kk)"
run("match C():\n    case " + pat + ":\n        print('cls', x0, x299, kk)\n", ns)
# many cases
src = "match 499:\n" + "".join("    case %d:\n        print('case', %d)\n" % (i, i) for i in range(500))
run(src)
# or-pattern deep nesting
run("match 1:\n    case " + "(" * 50 + "1 | 2" + ")" * 50 + ":\n        print('or-nest')\n")
