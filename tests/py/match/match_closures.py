# Captured names used by closures, comprehensions in guards, super()/__class__, generators
# (yield in a guard), recursion, and loop control inside case bodies.
def f(v):
    match v:
        case [*xs] if any(x > 2 for x in xs):
            return [lambda: xs]
        case {"k": k} if [k for _ in range(1)]:
            return (lambda: k)()
    return None
print(f([1, 5])[0](), f([1]), f({"k": 7}), f({"k": 0}))
class A:
    def m(self, v):
        match v:
            case A():
                return super().__repr__ is not None
            case _:
                return __class__.__name__
print(A().m(A()), A().m(1))
def g():
    for i in range(3):
        match i:
            case 0:
                yield "zero"
            case n if (yield n) is None:
                yield "after yield %d" % n
print(list(g()))
x = [(i, j) for i in range(3) for j in [i] if (lambda v: (v == 1))(i)]
print(x)
def h(seq):
    total = 0
    for item in seq:
        match item:
            case int(n) | float(n):
                total += n
            case str(s):
                try:
                    total += int(s)
                except ValueError:
                    continue
            case [*inner]:
                total += h(inner)
            case _:
                break
    return total
print(h([1, 2.5, "3", "x", [4, [5]], None, 100]))
