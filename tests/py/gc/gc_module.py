# The gc module's functions, their results and errors, compared with CPython.
import gc

gc.disable()
print("isenabled", gc.isenabled())
gc.enable()
print("isenabled", gc.isenabled())
gc.disable()

print("threshold", gc.get_threshold())
gc.set_threshold(1000, 20)
print("threshold", gc.get_threshold())
gc.set_threshold(700, 10, 10)
print("threshold", gc.get_threshold())
print("count type", type(gc.get_count()), len(gc.get_count()))
print("debug", gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL)
print("debug", gc.get_debug())
gc.set_debug(0)
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)

for call in [
    lambda: gc.collect(3),
    lambda: gc.collect(-1),
    lambda: gc.collect("a"),
    lambda: gc.collect(2.0),
    lambda: gc.get_objects(3),
    lambda: gc.set_threshold(),
    lambda: gc.set_threshold(1, 2, 3, 4),
    lambda: gc.set_threshold(1.5),
    lambda: gc.is_tracked(),
    lambda: gc.set_debug(),
    lambda: gc.set_debug("x"),
    lambda: gc.freeze(1),
]:
    try:
        print("ok", call())
    except Exception as e:
        print(type(e).__name__, e)

print("collect kw", gc.collect(generation=2) >= 0, gc.collect(0) >= 0, gc.collect(1) >= 0)

# is_tracked
class C:
    pass

print("tracked", gc.is_tracked([]), gc.is_tracked(C()), gc.is_tracked(1), gc.is_tracked("s"),
      gc.is_tracked(2.5), gc.is_tracked(None), gc.is_tracked({"a": []}), gc.is_tracked(b"x"))

# get_referents: the strong references a container holds
print("referents list", gc.get_referents([1, "a", 3]))
print("referents tuple", gc.get_referents((4, 5)))
print("referents two", gc.get_referents([1], [2]))
print("referents atom", gc.get_referents(1, "x", 2.0))
d = {"k": [1]}
print("referents dict", sorted(map(repr, gc.get_referents({1: "one", 2: "two"}))))
c = C()
c.attr = "v"
print("referents inst has type", C in gc.get_referents(c))

# get_referrers
target = ["target"]
holder1 = [target]
holder2 = {"t": target}
holder3 = C()
holder3.t = target
refs = gc.get_referrers(target)
print("referrers", any(r is holder1 for r in refs), any(r is holder2 for r in refs),
      any(r is holder3.__dict__ or r is holder3 for r in refs))
print("referrers none", [r for r in gc.get_referrers(object()) if type(r) is list])

# get_objects
objs = gc.get_objects()
print("get_objects", type(objs), any(o is holder1 for o in objs), any(o is holder2 for o in objs))
del objs

# get_stats
st = gc.get_stats()
print("stats", len(st), sorted(st[0]), all(type(v) is int for s in st for v in s.values()))

# callbacks
events = []


def cb(phase, info):
    events.append((phase, sorted(info), info["generation"]))

gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print("callbacks", events)


def cb2(phase, info):
    if phase == "stop":
        print("stop collected", info["collected"])

l = []
l.append(l)
del l
gc.callbacks.append(cb2)
gc.collect()
gc.callbacks.remove(cb2)

# DEBUG_SAVEALL keeps the garbage in gc.garbage
gc.set_debug(gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
print("saveall collected", gc.collect())
print("garbage", len(gc.garbage), gc.garbage[0] is gc.garbage[0][0])
gc.set_debug(0)
gc.garbage.clear()
gc.collect()

# freeze
gc.freeze()
print("frozen some", gc.get_freeze_count() > 0)
gc.unfreeze()
print("frozen after unfreeze", gc.get_freeze_count())
l = []
l.append(l)
gc.freeze()
del l
print("frozen cycle not collected", gc.collect())
gc.unfreeze()
print("collected after unfreeze", gc.collect())
