# functions as values, higher-order functions
def apply(fn, *args):
    return fn(*args)
def twice(fn):
    return lambda x: fn(fn(x))
print(apply(pow, 2, 10), apply(max, 3, 7, 5), twice(lambda x: x * 3)(2))
funcs = [abs, str, len, bool]
print([fn(-0) if fn is not len else fn("ab") for fn in funcs])
def compose(*fns):
    def run(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return run
pipeline = compose(str, lambda x: x * 2, abs)
print(repr(pipeline(-21)))
def my_map(fn, seq):
    return [fn(x) for x in seq]
def my_reduce(fn, seq, init):
    acc = init
    for x in seq:
        acc = fn(acc, x)
    return acc
print(my_map(lambda s: s.upper(), ["a", "b"]), my_reduce(lambda a, b: a * b, range(1, 8), 1))
dispatch = {"sq": lambda x: x * x, "neg": lambda x: -x}
print([dispatch[k](4) for k in ("sq", "neg")])
def counter_factory():
    counts = {}
    def count(word):
        counts[word] = counts.get(word, 0) + 1
        return counts[word]
    return count
c = counter_factory()
print([c(w) for w in "a b a a b c".split()])
print(sorted([3, -1, 2], key=abs), list(map(pow, [2, 3], [3, 2])))
print(list(map(lambda a, b: a + b, "abc", "xyz")))
def partial(fn, *pre, **kpre):
    def call(*a, **k):
        return fn(*pre, *a, **{**kpre, **k})
    return call
p = partial(print, "prefix:", sep="|")
p("a", "b")
p("c", sep="-")
