# input() ignores a sys.stdout whose flush() is missing or fails (the prompt
# is still written); stdin/stdout deleted give RuntimeError.
import io
import sys


class BitBucket:
    def write(self, line):
        pass


class Rec:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        raise OSError("flush failed")


saved_in, saved_out = sys.stdin, sys.stdout
try:
    sys.stdin = io.StringIO("1+1\nsecond\n    'ws'")
    sys.stdout = BitBucket()
    a = input()
    b = input("prompt> ")
    r = Rec()
    sys.stdout = r
    c = input("p2> ")
    try:
        input()
    except EOFError as e:
        d = (type(e).__name__, str(e))
    try:
        input(42, 42)
    except TypeError as e:
        t = (type(e).__name__, str(e))
    del sys.stdout
    try:
        input("x")
    except RuntimeError as e:
        rt = (type(e).__name__, str(e))
finally:
    sys.stdin, sys.stdout = saved_in, saved_out
print(a, b, c, r.parts, d, t, rt)
