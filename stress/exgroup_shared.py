# One exception group (and its leaves) shared by several threads: some raise
# it and take it apart with except*, some split()/subgroup() it, some rebind
# __cause__, __context__, __traceback__ and __notes__ of the group and its
# leaves or add notes, others print it.  No crash, no use-after-free (ASan);
# every split covers exactly the group's leaves, every except* clause gets
# exactly the leaves of its type.
import threading

leaves_v = [ValueError(i) for i in range(4)]
leaves_t = [TypeError(i) for i in range(3)]
inner = ExceptionGroup("inner", [leaves_v[2], leaves_t[1], leaves_v[3]])
shared = ExceptionGroup("shared", [leaves_v[0], leaves_t[0], inner, leaves_v[1], leaves_t[2]])
ALL = {id(e) for e in leaves_v + leaves_t}
IDS_V = {id(e) for e in leaves_v}
IDS_T = {id(e) for e in leaves_t}
ITER = 3000
errors = []
start = threading.Barrier(6)


def leaf_ids(eg):
    if eg is None:
        return set()
    if not isinstance(eg, BaseExceptionGroup):
        return {id(eg)}
    out = set()
    for e in eg.exceptions:
        out |= leaf_ids(e)
    return out


def splitter():
    start.wait()
    for i in range(ITER):
        m, r = shared.split(ValueError if i & 1 else (lambda e: isinstance(e, ValueError)))
        if leaf_ids(m) != IDS_V or leaf_ids(r) != IDS_T:
            errors.append(("split", repr(m), repr(r)))
        s = shared.subgroup(TypeError)
        if leaf_ids(s) != IDS_T:
            errors.append(("subgroup", repr(s)))
        notes = getattr(m, "__notes__", None)
        if notes is not None and not isinstance(notes, list):
            errors.append(("notes", notes))


def catcher():
    start.wait()
    for i in range(ITER):
        try:
            try:
                raise shared
            except* ValueError as v:
                if leaf_ids(v) != IDS_V:
                    errors.append(("except* V", repr(v)))
        except ExceptionGroup as rest:
            if leaf_ids(rest) != IDS_T:
                errors.append(("rest", repr(rest)))
        else:
            errors.append(("nothing escaped",))
        try:
            raise leaves_v[i % 4]
        except* ValueError as w:
            if len(w.exceptions) != 1 or w.exceptions[0] is not leaves_v[i % 4]:
                errors.append(("wrap", repr(w)))


def writer():
    start.wait()
    causes = [KeyError("c"), None, OSError("o")]
    for i in range(ITER):
        shared.__cause__ = causes[i % 3]
        shared.__context__ = causes[(i + 1) % 3]
        inner.__notes__ = ["n%d" % i, "m"]
        leaves_t[i % 3].__cause__ = causes[(i + 2) % 3]
        leaves_v[i % 4].add_note("note %d" % i)
        if i % 50 == 0:
            leaves_v[i % 4].__notes__ = []
            shared.with_traceback(None)


def printer():
    start.wait()
    for i in range(ITER // 3):
        s = str(shared)
        if s != "shared (5 sub-exceptions)":
            errors.append(("str", s))
        repr(shared)
        repr(inner)
        if shared.message != "shared" or len(shared.exceptions) != 5:
            errors.append(("fields",))


ts = [threading.Thread(target=f) for f in (splitter, splitter, catcher, catcher, writer, printer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not errors, errors[:5]
print("ok exgroup_shared")
