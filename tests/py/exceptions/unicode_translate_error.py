# The builtin UnicodeTranslateError(object, start, end, reason).
e = UnicodeTranslateError("\u3042", 0, 1, "ouch")
print(e.args, e.object, e.start, e.end, e.reason, e.encoding)
print(str(e))
print(str(UnicodeTranslateError("abc", 1, 3, "why")))
print(str(UnicodeTranslateError("a\xffb", 1, 2, "x")))
print(str(UnicodeTranslateError("a\U0001f600b", 1, 2, "x")))
print(issubclass(UnicodeTranslateError, UnicodeError), UnicodeTranslateError.__mro__)
e.start = 1
e.end = 5
e.reason = "changed"
print(str(e))
for args in [(), ("m",), ("a", 0, 1, "r", 5)]:
    try:
        UnicodeTranslateError(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    raise UnicodeTranslateError("x", 0, 1, "bad")
except ValueError as e:
    print(type(e).__name__, e)
# UnicodeDecodeError keeps a bytes copy of a bytearray or memoryview object.
for obj in (bytearray(b'\xff'), memoryview(b'ab'), b'\xfe'):
    e = UnicodeDecodeError('ascii', obj, 0, 1, 'ordinal not in range')
    print(repr(e.object), str(e))
