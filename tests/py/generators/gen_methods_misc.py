# generator objects: attributes, reuse, in comprehension, return in generator
def g(n):
    """doc of g"""
    for i in range(n):
        yield i
gen = g(3)
print(g.__name__, g.__doc__, gen.__name__, gen.__qualname__)
print(iter(gen) is gen, hasattr(gen, "send"), hasattr(gen, "__next__"))
print(list(gen), list(gen))
def early_return(flag):
    yield 1
    if flag:
        return
    yield 2
print(list(early_return(True)), list(early_return(False)))
def gen_with_args(*args, **kw):
    yield args
    yield kw
print(list(gen_with_args(1, 2, x=3)))
class Tree:
    def __init__(self, v, kids=()):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(t), sum(t), 3 in t)
def unpack_gen():
    yield from [1, 2, 3]
a, *b = unpack_gen()
print(a, b)
print(*unpack_gen(), sep=", ")
def gen_exception_in_middle():
    yield 1
    x = 1 / 0
    yield 2
it = gen_exception_in_middle()
print(next(it))
try:
    next(it)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(next(it, "finished after error"))
