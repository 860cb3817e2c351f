# sys.__excepthook__ writes to the current sys.stderr (a StringIO here), as
# test.support.captured_stderr expects.
import io
import sys

old = sys.stderr
sys.stderr = io.StringIO()
try:
    try:
        1 / 0
    except ZeroDivisionError:
        sys.__excepthook__(*sys.exc_info())
    sys.excepthook(ValueError, ValueError("bad value"), None)
    sys.__excepthook__(SyntaxError, SyntaxError("bad bad", ("bad.py", 1, 2, "abcdefg", 1, 7)), None)
finally:
    out = sys.stderr.getvalue()
    sys.stderr = old
print(out.replace(__file__, "FILE"))
