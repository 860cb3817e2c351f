# More than 65,535 names (globals and attributes) in one code object:
# LOAD_NAME/STORE_NAME (Bx) and LOAD_ATTR/STORE_ATTR/LOAD_METHOD (B or C)
# must see the whole index.
N = 70000

src = "\n".join("v%d = %d" % (i, i) for i in range(N)) + "\n"
src += "total = " + " + ".join("v%d" % i for i in range(0, N, 1000)) + "\n"
src += "last = v%d\n" % (N - 1)
src += "del v65536\n"
src += "try:\n    v65536\nexcept NameError as e:\n    err = str(e)\n"
g = {}
exec(src, g)
print(g["total"], g["last"], g["v65537"], "v65536" in g, g["err"])


class Box:
    def m70000(self):
        return "method"


src = "\n".join("b.a%d = %d" % (i, i) for i in range(N)) + "\n"
src += "got = b.a%d + b.a65536 + b.a0\n" % (N - 1)
src += "del b.a65537\n"
src += "r = b.m70000()\n"
src += "def fn(o):\n    return o.a69998, o.m70000()\n"
b = Box()
g = {"b": b}
exec(src, g)
print(g["got"], hasattr(b, "a65537"), g["r"], g["fn"](b), len(vars(b)))

# Names in a function: globals read through LOAD_GLOBAL with a wide index.
src = "def reader():\n"
src += "".join("    x%d = g%d\n" % (i, i) for i in range(0, 3))
src += "    return " + " + ".join("g%d" % i for i in range(N - 3, N)) + "\n"
g = {"g%d" % i: i for i in range(N)}
exec(src, g)
print(g["reader"]())
