# Cycles through iterators over containers (builtins and itertools).
import gc, weakref, sys, functools, collections, operator, itertools, types
gc.disable()
gc.collect()

class Obj:
    pass

def check(label, make):
    w = make()
    gc.collect()
    print(label, w() is None)

def iter_cycle(kind):
    def make():
        o = Obj()
        l = [o]
        if kind == "list":
            o.it = iter(l)
        elif kind == "tuple":
            o.it = iter((o,))
        elif kind == "set":
            o.it = iter({o})
        elif kind == "dict":
            o.it = iter({o: o})
        elif kind == "dictvalues":
            o.it = iter({1: o}.values())
        elif kind == "dictitems":
            o.it = iter({1: o}.items())
        elif kind == "dictview":
            o.it = {1: o}.values()
        elif kind == "enumerate":
            o.it = enumerate(l)
        elif kind == "zip":
            o.it = zip(l, l)
        elif kind == "map":
            o.it = map(id, l)
        elif kind == "filter":
            o.it = filter(None, l)
        elif kind == "reversed":
            o.it = reversed(l)
        elif kind == "seqiter":
            class S:
                def __getitem__(self, i):
                    raise IndexError
            s = S()
            s.o = o
            o.it = iter(s)
        elif kind == "calliter":
            o.it = iter(lambda: o, 1)
        elif kind == "deque":
            o.it = iter(collections.deque([o]))
        elif kind == "chain":
            o.it = itertools.chain(l, l)
        elif kind == "cycle":
            o.it = itertools.cycle(l)
        elif kind == "islice":
            o.it = itertools.islice(l, 1)
        elif kind == "groupby":
            o.it = itertools.groupby(l)
        elif kind == "tee":
            o.it = itertools.tee(l)
        elif kind == "accumulate":
            o.it = itertools.accumulate(l)
        elif kind == "starmap":
            o.it = itertools.starmap(print, [(o,)])
        elif kind == "product":
            o.it = itertools.product(l)
        elif kind == "zip_longest":
            o.it = itertools.zip_longest(l)
        elif kind == "pairwise":
            o.it = itertools.pairwise(l)
        elif kind == "repeat":
            o.it = itertools.repeat(o)
        elif kind == "takewhile":
            o.it = itertools.takewhile(bool, l)
        elif kind == "compress":
            o.it = itertools.compress(l, l)
        elif kind == "permutations":
            o.it = itertools.permutations(l)
        return weakref.ref(o)
    return make

for kind in ["list", "tuple", "set", "dict", "dictvalues", "dictitems", "dictview",
             "enumerate", "zip", "map", "filter", "reversed", "seqiter", "calliter",
             "deque", "chain", "cycle", "islice", "groupby", "tee", "accumulate",
             "starmap", "product", "zip_longest", "pairwise", "repeat", "takewhile",
             "compress", "permutations"]:
    check(kind + " iterator freed", iter_cycle(kind))
print("done", gc.collect())
