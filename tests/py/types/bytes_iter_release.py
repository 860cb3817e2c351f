# An exhausted bytes / bytearray iterator, reversed() and the iterator of an
# old-protocol sequence let their sequence go at once (a __del__ that calls
# next() on the iterator again sees it exhausted); bytes iterators pickle,
# hint and setstate as CPython's once exhausted.
import pickle

for cls in (bytes, bytearray):
    class A(cls):
        def __del__(self):
            try:
                next(it)
            except StopIteration:
                print("  __del__: exhausted")

    it = iter(A(b"ab"))
    print(cls.__name__, next(it), next(it))
    try:
        next(it)
    except StopIteration:
        print("  StopIteration")
    print("  after:", it.__length_hint__(), it.__reduce__()[1:])
    it.__setstate__(0)
    print("  setstate:", list(it))

    it = iter(cls(b"abc"))
    print(" ", it.__length_hint__(), next(it), it.__reduce__()[1:], it.__length_hint__())
    print(" ", list(it), it.__length_hint__(), it.__reduce__()[1:])
    it = iter(cls(b"xyz"))
    it.__setstate__(2)
    print(" ", list(pickle.loads(pickle.dumps(it))))
    print(" ", list(it), list(pickle.loads(pickle.dumps(it))))


class Seq:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * 10


for make in (iter, reversed):
    for cls in (bytes, bytearray, Seq):
        class B(cls):
            def __del__(self):
                print("  __del__", make.__name__, cls.__name__)

        it = make(B(2) if cls is Seq else B(b"ab"))
        print(make.__name__, cls.__name__, list(it), it.__length_hint__())
        print("  done")
