# warnings: warn with categories and stacklevel, filters (simplefilter,
# filterwarnings, "once"/"error"/"ignore"), catch_warnings(record=True),
# showwarning/formatwarning, warn_explicit, DeprecationWarning defaults.
import warnings
import sys

warnings.showwarning = lambda m, c, f, l, file=None, line=None: print("SHOW", c.__name__, m, f == __file__, l)


def old():
    warnings.warn("old() is deprecated", DeprecationWarning, stacklevel=2)
    return 1


with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    old()
    warnings.warn("plain")
    warnings.warn(RuntimeWarning("instance"))
    print([(x.category.__name__, str(x.message), x.lineno == 0) for x in w])
    print(w[0].filename == __file__, w[0].lineno)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("repeat", UserWarning)
    print(len(w))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("boom", FutureWarning)
    except FutureWarning as e:
        print("raised", type(e).__name__, e)
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="skip.*")
    warnings.filterwarnings("error", category=ResourceWarning)
    warnings.warn("skip me")
    try:
        warnings.warn("res", ResourceWarning)
    except ResourceWarning as e:
        print("ResourceWarning", e)
    warnings.warn("shown via showwarning")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("default")
    warnings.warn_explicit("explicit", SyntaxWarning, "fake.py", 42, module="fake")
    print([(x.filename, x.lineno, x.category.__name__) for x in w])
print(warnings.formatwarning("msg", UserWarning, "f.py", 3, "line text"), end="")
print(warnings.formatwarning("msg2", DeprecationWarning, "g.py", 4, line=""), end="")
with warnings.catch_warnings(record=True) as w:
    warnings.resetwarnings()
    warnings.simplefilter("always")
    warnings.warn("d", DeprecationWarning)
    warnings.warn("pd", PendingDeprecationWarning)
    print(sorted(x.category.__name__ for x in w))
print(issubclass(DeprecationWarning, Warning), issubclass(UserWarning, Exception), warnings.WarningMessage.__name__)
try:
    warnings.warn("x", int)
except TypeError as e:
    print("TypeError:", e)
try:
    warnings.simplefilter("bogus")
except AssertionError as e:
    print("AssertionError:", e)
del warnings.showwarning
warnings.simplefilter("always")
import io
sys.stderr = io.StringIO()
warnings.warn("to stderr via default showwarning", UserWarning)
out, sys.stderr = sys.stderr.getvalue(), sys.__stderr__
print(out.replace(__file__, "FILE"), end="")
