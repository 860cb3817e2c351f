# Error messages and argument checking of the native itertools module.
import sys
import itertools as it


def t(src):
    try:
        r = eval(src)
    except Exception as e:
        print(src, '!!', type(e).__name__, e)
    else:
        if type(r).__repr__ is object.__repr__:
            r = '<%s object>' % type(r).__name__
        print(src, '->', r)


for s in [
    "it.count(1,2,3)", "it.count('a')", "it.count(x=1)", "it.count(start=1, step='a')",
    "it.count(step=0)", "it.count(1j)", "it.count(1, 1j)", "it.count(start=5)",
    "it.cycle()", "it.cycle(1)", "it.cycle([], x=1)", "it.cycle(1, 2)",
    "it.repeat()", "it.repeat(1,2,3)", "it.repeat(1, 'a')", "it.repeat(1,times=-1)",
    "it.repeat(1, 2**70)", "it.repeat(object=1, times=2)", "it.repeat(1, x=2)",
    "it.accumulate()", "it.accumulate([1],None,None)", "it.accumulate(1)", "it.accumulate([1], initial=1, x=2)",
    "list(it.accumulate([1, 'a']))", "list(it.accumulate('abc'))",
    "it.chain(1)", "next(it.chain(1))", "it.chain(x=1)", "it.chain.from_iterable()", "next(it.chain.from_iterable([1]))",
    "it.compress([1])", "it.compress(data=[1],selectors=[1])", "it.compress(1, [])", "it.compress([], 1)",
    "it.dropwhile(1)", "it.dropwhile(len, [], 3)", "it.dropwhile(f=len, seq=[])", "list(it.dropwhile(1, [1]))",
    "it.takewhile()", "list(it.takewhile(len, [1]))",
    "it.filterfalse(None)", "it.filterfalse(None, 1)", "list(it.filterfalse(len, [1]))",
    "it.groupby()", "it.groupby(1)", "it.groupby([], key=None, x=1)",
    "it.islice([1])", "it.islice([1], -1)", "it.islice([1],'a')", "it.islice([1],1,2,0)",
    "it.islice([1],1,2,3,4)", "it.islice([1],None,-1)", "it.islice([1], -1, None)", "it.islice([1], 'x', 2)",
    "it.islice([1], 2**70)", "it.islice([1], sys.maxsize+1)", "it.islice([1], 0, 1, 'a')", "it.islice([1], 0, 1, -1)",
    "it.islice([1], stop=1)", "it.islice(1, 2)",
    "it.pairwise()", "it.pairwise(1)", "it.pairwise([], [])", "it.pairwise([], x=1)",
    "it.starmap(1)", "list(it.starmap(len, [1]))", "list(it.starmap(1, [()]))",
    "it.tee()", "it.tee([1], -1)", "it.tee([1],'a')", "it.tee(1)", "it.tee([1], 0)", "it.tee([1], 2, 3)", "it.tee([1], n=2)",
    "it.zip_longest(x=1)", "it.zip_longest(1)", "it.zip_longest([], fillvalue=1, x=2)",
    "it.product(1)", "it.product([1], repeat=-1)", "it.product([1], x=1)", "it.product([1], repeat='a')",
    "it.permutations()", "it.permutations([1], -1)", "it.permutations([1], 'a')", "it.permutations(1)", "it.permutations([1], 1.0)",
    "it.combinations([1])", "it.combinations([1], -1)", "it.combinations([1], 'a')", "it.combinations(1, 1)",
    "it.combinations_with_replacement([1], -1)", "it.combinations_with_replacement([1])",
    "it._grouper(1, 2)", "it._tee(1)", "it._tee([1, 2]).__setstate__(1)",
    "it.chain().__setstate__(1)", "it.chain().__setstate__(())", "it.chain().__setstate__((1,))",
    "it.product('ab').__setstate__([0])", "it.product('ab').__setstate__((0, 1))",
    "it.permutations('ab').__setstate__((0,))", "it.combinations('ab', 1).__setstate__((0, 1))",
    "it.repeat(1).__length_hint__()", "it.repeat(1, 3).__length_hint__()",
    "it.pairwise([]).__reduce__()",
]:
    t(s)


def gen():
    yield 1
    raise ValueError('boom')


for f in [lambda: list(it.islice(gen(), 5)), lambda: list(it.chain(gen())), lambda: list(it.cycle(gen())),
          lambda: list(it.zip_longest(gen(), [1, 2, 3])), lambda: list(it.pairwise(gen())),
          lambda: [list(g) for k, g in it.groupby(gen())], lambda: list(it.tee(gen())[0]),
          lambda: list(it.accumulate(gen())), lambda: list(it.compress(gen(), [1, 1, 1])),
          lambda: list(it.product(gen()))]:
    try:
        f()
    except ValueError as e:
        print('ValueError', e)

# tee re-entry
def reenter():
    yield next(t1)

t1 = it.tee(reenter())[0]
try:
    next(t1)
except Exception as e:
    print(type(e).__name__, e)

print(sorted(n for n in dir(it) if not n.startswith('__')))
print(it.count.__name__, it.count.__module__, it.chain.from_iterable.__name__)
print(it.chain[int])
print(it.__doc__)
