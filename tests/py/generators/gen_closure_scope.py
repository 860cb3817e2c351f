# generators capturing variables, generators in classes, generator returning generator
def make_gens():
    gens = []
    for i in range(3):
        def g(i=i):
            yield i
            yield i * 10
        gens.append(g())
    return gens
print([list(g) for g in make_gens()])
def counter(start):
    count = start
    def inc():
        nonlocal count
        count += 1
    def gen():
        while count < start + 5:
            yield count
            inc()
    return gen()
print(list(counter(10)))
class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def evens(self):
        for x in self.items:
            if x % 2 == 0:
                yield x
    def __iter__(self):
        return (x for x in sorted(self.items))
b = Bag(5, 2, 8, 3, 6)
print(list(b.evens()), list(b), [x + 1 for x in b])
b.items.append(4)
print(list(b.evens()))
def outer():
    def inner():
        yield "from inner"
    return inner()
print(list(outer()))
def gen_of_gens(n):
    for i in range(n):
        yield (j for j in range(i))
print([list(g) for g in gen_of_gens(4)])
x = 5
def uses_global():
    yield x
    yield x * 2
gx = uses_global()
print(next(gx))
x = 50
print(next(gx))
