# Right-nested constructs (unary operators, not, conditional expressions,
# lambdas, **): CPython 3.11's parser gives up with a bare MemoryError when its
# stack is exhausted, the compiler with RecursionError for trees that are
# merely deep.


def attempt(label, src, mode="exec"):
    try:
        compile(src, "<deep>", mode)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, repr(str(e)))


for n in (1000, 2000, 4000, 5000, 100000):
    attempt("minus %d" % n, "-" * n + "1")
    attempt("invert %d" % n, "~" * n + "x")
    attempt("not %d" % n, "not " * n + "x")
    attempt("ifexp %d" % n, "1 if x else " * n + "2")
    attempt("lambda %d" % n, "lambda: " * n + "1")
    attempt("power %d" % n, "**".join(["2"] * n))
    attempt("eval minus %d" % n, "-" * n + "1", "eval")

for n in (2984, 2985):
    attempt("lambda %d" % n, "lambda: " * n + "1")

print(eval("-" * 1001 + "1"))
print(eval("not " * 1001 + "0"))
print(eval("(lambda: " * 150 + "7" + ")()" * 150))
print(eval("1 if 0 else " * 500 + "3"))
