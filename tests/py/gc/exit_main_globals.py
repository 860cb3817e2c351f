# At exit, objects that only __main__'s globals hold die and their __del__
# runs, with every global still bound (CPython's finalize_modules).
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n, PREFIX, helper(self.n), len(TABLE))


def helper(n):
    return n * 10


PREFIX = "p"
TABLE = {"a": 1}
first = A(1)
second = A(2)
second = A(3)  # A(2) dies here, before "end"
nested = [A(4), (A(5), {"k": A(6)})]
inst = A(7)
inst.child = A(8)
alias1 = A(9)
alias2 = alias1
_private = A(10)
print("end")
