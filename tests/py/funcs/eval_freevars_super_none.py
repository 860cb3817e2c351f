# exec()/eval() of a code object with free variables, and zero-argument
# super() whose first argument is None (an unbound super object).


def make():
    y = 1
    return lambda: y


c = make().__code__
for label, fn in (("exec", lambda: exec(c)), ("eval", lambda: eval(c)),
                  ("exec ns", lambda: exec(c, {}, {})), ("exec closure", lambda: exec(c, closure=None))):
    try:
        fn()
        print(label, "ok")
    except TypeError as e:
        print(label, type(e).__name__, e)
print(eval(compile("1 + 2", "<s>", "eval")))


class A:
    def f(self):
        return "A.f"


class B(A):
    def f(x=None):
        return super().f

    def g(*args):
        return super()

    def h(self):
        return super().f()


try:
    B.f()
except AttributeError as e:
    print(type(e).__name__, e)
print(B.f(B()).__func__ is A.f)
print(B().h())
print(super(B, None).__self__, super(B, None).__thisclass__.__name__)
try:
    B.g()
except RuntimeError as e:
    print(type(e).__name__, e)
