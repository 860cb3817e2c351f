# SyntaxError(): the details tuple is validated, and sys.__excepthook__
# prints its text line and carets from the attributes as CPython 3.11 does.
import io
import sys


def report(exc):
    old = sys.stderr
    sys.stderr = io.StringIO()
    try:
        sys.__excepthook__(type(exc), exc, None)
        return sys.stderr.getvalue()
    finally:
        sys.stderr = old


for args in [("f.py", 1, 2), ("f.py", 1, 2, 4, 5, 6, 7), ("f.py", 1, 2, "abc", 1),
             ("f.py", 1, 2, "abc", None), "abcd", ["f.py", 1, 2, "abc", 1, 3], 5]:
    try:
        e = SyntaxError("m", args)
        print(repr(args), e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset)
    except TypeError as exc:
        print(repr(args), "TypeError:", exc)

texts = ["abcdefg", "  abc  ", "abc\n", "ab\ncd\n", "", "\tabc", "h\u00e9llo w\u00f6rld"]
offsets = [None, -1, 0, 1, 2, 4, 7, 8, 100]
for text in texts:
    for off in offsets:
        for end_line, end_offsets in ((None, [None]), (1, offsets), (2, [None, 3])):
            for end_off in end_offsets:
                if end_line is None:
                    args = ("f.py", 1, off, text)
                else:
                    args = ("f.py", 1, off, text, end_line, end_off)
                print(repr(args), repr(report(SyntaxError("m", args))))

# The attributes, not the args, are what is printed.
e = SyntaxError("m", ("f.py", 1, 2, "abcdefg", 1, 4))
e.offset = 3
e.text = "xyzxyzxyz"
e.msg = "changed"
e.filename = None
print(report(e), end="")
e.lineno = None
print(report(e), end="")
print(report(SyntaxError("only a message")), end="")
print(report(SyntaxError()), end="")
# Subclasses mark one column.
print(report(IndentationError("m", ("f.py", 3, 2, "  abcdefg\n", 3, 6))), end="")
print(report(TabError("m", ("f.py", 3, 4, "abcdefg", 3, 6))), end="")


class MySyntaxError(SyntaxError):
    pass


print(report(MySyntaxError("m", ("f.py", 3, 2, "abcdefg", 3, 6))), end="")
