# Frames in less common places: called back from C (sorted key, map),
# exec() with separate locals, comprehensions, closures' free variables in
# f_locals, a RecursionError's long traceback, frames kept in containers.
import sys


def caller_name():
    return sys._getframe(1).f_code.co_name


def key(v):
    return (sys._getframe().f_back.f_code.co_name, v)


def via_c():
    return sorted([2, 1], key=key)


print(via_c())
print(list(map(lambda v: sys._getframe(1).f_code.co_name, [0])))
print([caller_name() for _ in range(1)])

ns = {}
exec("import sys\nfr = sys._getframe()\nx = 5", {}, ns)
print("exec", ns["fr"].f_locals is ns, ns["fr"].f_code.co_name, ns["fr"].f_back is sys._getframe())


def outer():
    a = 1
    b = [2]

    def inner():
        c = a + b[0]
        return sys._getframe()

    return inner()


fr = outer()
print("free vars", sorted(fr.f_locals.items()))
print("code", fr.f_code.co_freevars, fr.f_back.f_code.co_cellvars)
print("back locals", sorted(k for k in fr.f_back.f_locals), fr.f_back.f_locals["a"])


def cellarg(p):
    def use():
        return p
    p = p + 1
    return sys._getframe().f_locals


print("cell param", cellarg(10)["p"], sorted(cellarg(10)))

# a RecursionError's traceback: every level has its own frame
def down(n):
    return down(n + 1)


limit = sys.getrecursionlimit()
sys.setrecursionlimit(200)
try:
    down(0)
except RecursionError as e:
    tb = e.__traceback__
    count = 0
    frames = set()
    last = None
    while tb is not None:
        count += 1
        frames.add(id(tb.tb_frame))
        if last is not None and tb.tb_frame.f_code.co_name == "down" and last.f_code.co_name == "down":
            assert tb.tb_frame.f_back is last
            assert tb.tb_frame.f_locals["n"] == last.f_locals["n"] + 1
        last = tb.tb_frame
        tb = tb.tb_next
    print("recursion", count > 100, len(frames) == count, last.f_locals["n"] > 100)
sys.setrecursionlimit(limit)

# frames kept in a list outlive their calls
kept = []


def keep(i):
    kept.append(sys._getframe())
    return i * i


for i in range(5):
    keep(i)
print("kept", [f.f_locals["i"] for f in kept], len(set(map(id, kept))))
print("kept back", all(f.f_back is sys._getframe() for f in kept))
print("kept line", [f.f_lineno for f in kept][:2])

# lambda and comprehension frames
print((lambda: sys._getframe().f_code.co_name)())
print([sys._getframe().f_code.co_name for _ in "a"])
print({k: sys._getframe().f_back.f_code.co_name for k in "a"})
