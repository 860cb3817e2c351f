# add_note / __notes__ on every exception, and notes in the uncaught report
e = ValueError("v")
print(hasattr(e, "__notes__"))
print(e.add_note("first"), e.__notes__)
e.add_note("second")
print(e.__notes__, "__notes__" in e.__dict__)
for bad in (1, None, b"x", ["l"]):
    try:
        e.add_note(bad)
    except TypeError as err:
        print(type(err).__name__, err)
for call in (lambda: e.add_note(), lambda: e.add_note("a", "b"), lambda: e.add_note(note="x")):
    try:
        call()
    except TypeError as err:
        print(type(err).__name__, err)
e.__notes__ = ("tuple",)
try:
    e.add_note("x")
except TypeError as err:
    print(type(err).__name__, err)
class S(str):
    pass
k = KeyError("k")
k.add_note(S("sub"))
print(k.__notes__, type(k.__notes__[0]).__name__)
del k.__notes__
print(hasattr(k, "__notes__"))
g = ExceptionGroup("g", [ValueError()])
g.add_note("group note")
print(g.__notes__)
try:
    try:
        raise OSError(2, "nope")
    except OSError as err:
        err.add_note("while handling")
        raise
except OSError as err:
    print(err.__notes__)

# the report prints notes after the message line; a non-str note is str()'d,
# a note with newlines is split, a non-sequence __notes__ is repr()'d
inner = TypeError("inner")
inner.add_note("inner note\nsecond line")
inner.add_note("")
other = KeyError("x")
other.__notes__ = 42
strnotes = IndexError("s")
strnotes.__notes__ = "a str"
sub = ExceptionGroup("sub", [other, strnotes])
sub.__notes__ = ["sub note", 7]
exc = ExceptionGroup("top", [inner, sub, RuntimeError()])
exc.add_note("top note")
raise exc
