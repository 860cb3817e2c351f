# More than 65,535 constants in one code object: every operand that indexes
# the constant table (LOAD_CONST's Bx, the C of ADD_K and friends, the B of
# the fused compare-and-jump, MAKE_FUNCTION's code, CALL's keyword names,
# IMPORT_NAME's info) must reach past 16 bits.
N = 70000

# Module level: a display of N distinct floats, then constants that land
# after them in the table.
src = "xs = [" + ", ".join("%d.5" % i for i in range(N)) + "]\n"
src += "def f(a, b=2.25):\n    return a * b\n"
src += "y = xs[3] + 0.125\n"
src += "z = f(4.0, b=8.5)\n"
src += "import sys as m\n"
src += "w = (lambda q: q - 0.0625)(1.0)\n"
src += "t = xs[1] if xs[1] < 7.75 else None\n"
g = {}
exec(src, g)
xs = g["xs"]
print(len(xs), xs[0], xs[65535], xs[65536], xs[-1])
print(g["y"], g["z"], g["m"].__name__, g["w"], g["t"], g["f"](2.0))

# Function level: the same constants inside a function body.
body = "    xs = [" + ", ".join("%d.25" % i for i in range(N)) + "]\n"
body += "    k = xs[5] * 3.5 + 0.5\n"
body += "    if k > 100.75:\n        k = -1.0\n"
body += "    def inner(v, *, s=9.5):\n        return v + s\n"
body += "    return len(xs), xs[-1], k, inner(0.5, s=1.5), inner(1.0)\n"
g = {}
exec("def big():\n" + body, g)
print(g["big"]())

# Distinct ints and strs too (ints beyond the small-immediate range).
src = "vals = (" + ", ".join(str(100000 + i) for i in range(N)) + ",)\n"
src += "strs = [" + ", ".join("'s%d'" % i for i in range(N)) + "]\n"
src += "total = vals[0] + vals[-1] + 1000003\n"
g = {}
exec(src, g)
print(len(g["vals"]), g["vals"][-1], g["strs"][65536], g["total"])
