# Objects held by the globals of imported modules die at exit too: those
# of __main__ first, then each module's in import order (as CPython 3.11
# shows it for such programs); an object two modules hold dies once.
import sys
import _exit_mod_a
from _exit_mod_a import a1


class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n, sys.flags.optimize, _exit_mod_a.TAG)


x = A(1)
import _exit_mod_b
y = A(2)
mine = _exit_mod_a.B("main")
print("end")
