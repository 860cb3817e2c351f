# A function with more than 65,535 locals (registers): every register
# operand (A, B and C of each format) must reach past 16 bits.
N = 70000

body = "".join("    l%d = %d\n" % (i, i) for i in range(N))
body += "    s = l0 + l65535 + l65536 + l%d\n" % (N - 1)
body += "    lst = [l1, l65536, l69999, l2]\n"
body += "    t = (l3, l65537)\n"
body += "    d = {l4: l65538, 'k': l69998}\n"
body += "    l65539 += 1\n"
body += "    a, l69997, *rest = [7, 8, 9, 10]\n"
body += "    def cl():\n        return l69996\n"
body += "    try:\n        1 / 0\n    except ZeroDivisionError as e:\n        msg = str(e)\n"
body += "    for l69995 in range(3):\n        pass\n"
body += "    return s, lst, t, d, l65539, a, l69997, rest, cl(), msg, l69995, l69994\n"
g = {}
exec("def f():\n" + body, g)
print(g["f"]())

# Many parameters and a call with many arguments.
params = ", ".join("p%d" % i for i in range(N))
src = "def h(%s):\n    return p0 + p65536 + p%d\n" % (params, N - 1)
src += "r = h(" + ", ".join(str(i) for i in range(N)) + ")\n"
src += "def k(*args, **kw):\n    return len(args), sorted(kw)[:2]\n"
src += "r2 = k(" + ", ".join("i%d" % i for i in range(N)) + ", x=1, y=2)\n"
g = {"i%d" % i: i for i in range(N)}
exec(src, g)
print(g["r"], g["r2"])

# Unpacking into many targets and a big tuple display of names.
targets = ", ".join("u%d" % i for i in range(N))
src = "def un(seq):\n    %s = seq\n    return u0, u65536, u%d, (%s)[-3:]\n" % (
    targets, N - 1, targets)
g = {}
exec(src, g)
print(g["un"](range(N)))
