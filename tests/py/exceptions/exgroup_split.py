# split / subgroup / derive, metadata copied to the derived groups
def is_value_error(e):
    return isinstance(e, ValueError)

leaf_v1, leaf_t, leaf_v3, leaf_k = ValueError(1), TypeError(2), ValueError(3), KeyError(4)
inner = ExceptionGroup("inner", [leaf_v3, leaf_k])
eg = ExceptionGroup("outer", [leaf_v1, leaf_t, inner])
try:
    raise eg
except ExceptionGroup:
    pass
eg.__cause__ = OSError("cause")
eg.__context__ = LookupError("context")
eg.add_note("a note")

for matcher in (ValueError, (KeyError, TypeError), is_value_error, lambda e: isinstance(e, LookupError),
                Exception, BaseException, OSError, ExceptionGroup):
    match, rest = eg.split(matcher)
    print("split:", repr(match), "|", repr(rest))
    print("  subgroup:", repr(eg.subgroup(matcher)))
    for part in (match, rest):
        if part is not None and part is not eg:
            print("  meta:", part.__traceback__ is eg.__traceback__, repr(part.__cause__),
                  repr(part.__context__), part.__suppress_context__, part.__notes__,
                  part.__notes__ is eg.__notes__)

# leaves are shared, not copied
m, r = eg.split(ValueError)
print(m.exceptions[0] is leaf_v1, m.exceptions[1].exceptions[0] is leaf_v3, r.exceptions[0] is leaf_t)
print(eg.split(BaseException)[0] is eg, eg.subgroup(lambda e: True) is eg)
print(eg.subgroup(lambda e: e is inner) is inner)

# no cause set: the derived part still gets __suppress_context__ (as CPython does)
plain = ExceptionGroup("p", [ValueError(), TypeError()])
plain.__context__ = KeyError("ctx")
pm = plain.subgroup(ValueError)
print(repr(pm), repr(pm.__cause__), repr(pm.__context__), pm.__suppress_context__)
print(hasattr(pm, "__notes__"))

# __notes__ that is not a sequence is ignored by split
odd = ExceptionGroup("o", [ValueError(), TypeError()])
odd.__notes__ = 42
print(hasattr(odd.subgroup(ValueError), "__notes__"))
odd.__notes__ = ("t1", "t2")
print(odd.subgroup(ValueError).__notes__)

# bad matchers
for bad in (1, len, (ValueError, 1), [ValueError], "x", int, is_value_error.__call__):
    try:
        eg.split(bad)
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        eg.subgroup(bad)
    except TypeError as e:
        print(type(e).__name__, e)
for call in (lambda: eg.split(), lambda: eg.subgroup(), lambda: eg.split(ValueError, TypeError),
             lambda: eg.derive(), lambda: eg.derive([], [])):
    try:
        call()
    except TypeError as e:
        print(type(e).__name__, e)

# a predicate that raises
def boom(e):
    raise RuntimeError("boom")
try:
    eg.split(boom)
except RuntimeError as e:
    print(type(e).__name__, e)

# derive
d = eg.derive([KeyError()])
print(repr(d), d.__cause__, d.__traceback__, hasattr(d, "__notes__"))
print(repr(eg.derive([KeyboardInterrupt()])), type(eg.derive((ValueError(),))).__name__)

class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "!", excs)
g = MyEG("x", [ValueError(1), TypeError(2), MyEG("y", [ValueError(3)])])
print(repr(g.split(ValueError)))
print(repr(g.subgroup(TypeError)))

class NoDerive(ExceptionGroup):
    pass
print(repr(NoDerive("n", [ValueError(), TypeError()]).split(ValueError)))

class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 1
try:
    BadDerive("x", [ValueError(), TypeError()]).split(ValueError)
except TypeError as e:
    print(type(e).__name__, e)
print(repr(BadDerive("x", [ValueError()]).split(ValueError)[0]))

# predicates see groups too, outermost first
seen = []
def record(e):
    seen.append(type(e).__name__ + ":" + str(e))
    return False
print(eg.split(record))
print(seen)
