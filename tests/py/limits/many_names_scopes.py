# Tens of thousands of names in module, function and class scopes, and
# thousands of keyword arguments, compile in linear time and correctly.
N = 65500

src = "def f():\n" + "".join("    v%d = %d\n" % (i, i) for i in range(N))
src += "    return v0 + v%d + v%d\n" % (N // 2, N - 1)
g = {}
exec(src, g)
print(g["f"]())

src = "class C:\n" + "".join("    a%d = %d\n" % (i, i) for i in range(N))
g = {}
exec(src, g)
print(g["C"].a0, g["C"].a65499, len([k for k in vars(g["C"]) if k.startswith("a")]))

src = "def h():\n    global " + ", ".join("w%d" % i for i in range(N)) + "\n"
src += "".join("    w%d = %d\n" % (i, i) for i in range(0, N, 7))
g = {}
exec(src, g)
g["h"]()
print(g["w0"], g["w65492"], "w1" in g)


def kw(**k):
    return len(k), k["k0"], k["k4999"]


K = 5000
call = "kw(" + ", ".join("k%d=%d" % (i, i) for i in range(K)) + ")"
print(eval(call))
for extra in (", k17=0", ", __debug__=0", ", k0=1, k1=2"):
    try:
        compile(call[:-1] + extra + ")", "<kw>", "eval")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)

src = "def p(" + ", ".join("a%d" % i for i in range(K)) + "):\n    return a0 + a4999\n"
g = {}
exec(src, g)
print(g["p"](*range(K)))
