# Long chains of postfix operations and left-associative operators build deep
# trees; compiling them must raise RecursionError (as CPython 3.11 does), never
# overflow the C stack.  (The exact threshold near 3000 depends on CPython's
# frame accounting, so the tests stay clear of it.)


def attempt(label, src, mode="exec"):
    try:
        compile(src, "<deep>", mode)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)


for n in (1000, 2900, 3100, 100000):
    attempt("attr %d" % n, "x" + ".a" * n)
    attempt("call %d" % n, "x" + "()" * n)
    attempt("subscript %d" % n, "x" + "[0]" * n)
    attempt("mixed %d" % n, "x" + ".a()[0]" * (n // 3))

for n in (1000, 2900, 3100, 100000):
    attempt("add %d" % n, "+".join(["1"] * n))
    attempt("names %d" % n, " * ".join(["x"] * n))
    attempt("strings %d" % n, " + ".join(['"s"'] * n))
    attempt("eval add %d" % n, "+".join(["1"] * n), "eval")

attempt("add 1000000", "+".join(["1"] * 1000000))

# Chains of 1000 links still compile and run.
src = "x" + ".real" * 1000
print(eval(src, {"x": 5}))
print(eval("+".join(["1"] * 1000)))


def f():
    return f


print(eval("f" + "()" * 1000) is f)
print(eval("[[[7]]]" + "[0]" * 3))

# Deep statement nesting through elif chains.
for n in (2000, 2900, 3100):
    attempt("elif %d" % n, "if x: pass\n" + "elif x: pass\n" * n)
attempt("elif 100000", "if x: pass\n" + "elif x: pass\n" * 100000)
