# An uncaught exception ends the program: the traceback comes first, then
# the objects that only globals hold die (exit status 1 kept).
import sys


class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        sys.stderr.write("del %s\n" % self.n)


def gen():
    try:
        yield 1
    finally:
        sys.stderr.write("generator finally\n")


a = A(1)
g = gen()
next(g)
b = [A(2)]
raise ValueError("stop here")
