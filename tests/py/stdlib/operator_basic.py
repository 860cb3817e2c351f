# The native _operator module: every function operator.py takes from it.
import _operator as o


def t(src):
    try:
        r = eval(src)
    except Exception as e:
        print(src, '!!', type(e).__name__, e)
    else:
        print(src, '->', r)


class A:
    x = 5

    def __init__(self):
        self.b = self
        self.name = 'a'

    def meth(self, *args, **kw):
        return ('meth', args, sorted(kw.items()))


a = A()
for s in [
    "o.lt(1, 2)", "o.le(2, 2)", "o.eq(1, 1.0)", "o.ne(1, 2)", "o.gt(1, 2)", "o.ge(3, 2)",
    "o.is_(None, None)", "o.is_not(1, None)", "o.not_(0)", "o.truth([])", "o.truth([1])",
    "o.abs(-3)", "o.abs(-2.5)", "o.abs(-2**70)", "o.add(1, 2)", "o.sub(5, 7)", "o.mul('ab', 3)",
    "o.truediv(7, 2)", "o.floordiv(7, 2)", "o.mod(7, 3)", "o.pow(2, 10)", "o.lshift(1, 65)",
    "o.rshift(256, 3)", "o.and_(12, 10)", "o.or_(12, 10)", "o.xor(12, 10)", "o.neg(5)", "o.pos(-5)",
    "o.inv(5)", "o.invert(-1)", "o.index(7)", "o.index(True)",
    "o.concat([1], [2])", "o.concat('a', 'b')", "o.contains([1, 2], 2)", "o.contains('abc', 'd')",
    "o.countOf([1, 2, 1, 1.0], 1)", "o.indexOf('abcb', 'b')", "o.getitem([1, 2, 3], 1)",
    "o.getitem({'k': 1}, 'k')", "o.getitem('hello', slice(1, 3))",
    "o.length_hint([1, 2, 3])", "o.length_hint(iter([1, 2]))", "o.length_hint(iter([]), 5)",
    "o.length_hint(1, 7)", "o.length_hint(1, -1)", "o.call(max, 3, 4, key=lambda x: -x)",
    "o._compare_digest('abc', 'abc')", "o._compare_digest('abc', 'abd')", "o._compare_digest(b'ab', b'abc')",
    "o._compare_digest(bytearray(b'xy'), memoryview(b'xy'))",
    "o.itemgetter(1)('abc')", "o.itemgetter(0, 2, -1)('abcd')", "o.itemgetter('k')({'k': 9})",
    "o.attrgetter('x')(a)", "o.attrgetter('b.b.name', 'x')(a)", "o.methodcaller('meth', 1, 2, k=3)(a)",
    "o.methodcaller('upper')('abc')", "o.methodcaller('split', ',', maxsplit=1)('a,b,c')",
    "repr(o.itemgetter(1))", "repr(o.itemgetter(1, 'a'))", "repr(o.attrgetter('a.b', 'c'))",
    "repr(o.methodcaller('f', 1, k=2))", "repr(o.methodcaller('f'))",
    "o.itemgetter(1).__reduce__()", "o.itemgetter(1, 2).__reduce__()", "o.attrgetter('a.b').__reduce__()",
    "o.methodcaller('f', 1).__reduce__()", "o.methodcaller('f', 1, k=2).__reduce__()[1]",
    "o.methodcaller('f', 1, k=2).__reduce__()[0].keywords",
    "o.itemgetter.__name__", "o.itemgetter.__module__", "o.abs.__doc__", "o.add.__doc__",
]:
    t(s)

l = [1, 2, 3]
print(o.iadd(l, [4]) is l, l, o.iconcat(l, [5]) is l, l)
o.setitem(l, 0, 'x'); o.delitem(l, 1); print(l)
x = 10
for name in ['iadd', 'isub', 'imul', 'itruediv', 'ifloordiv', 'imod', 'ipow', 'ilshift', 'irshift',
             'iand', 'ior', 'ixor']:
    print(name, getattr(o, name)(x, 3))
s = {1, 2}
print(o.ior(s, {3}) is s, sorted(s), o.iand(s, {1, 3}) is s, sorted(s))


class M:
    def __matmul__(self, other):
        return 'matmul'

    def __imatmul__(self, other):
        return 'imatmul'


print(o.matmul(M(), 1), o.imatmul(M(), 1))
print(sorted(n for n in dir(o) if not n.startswith('__')))
print(o.__doc__[:40])
print(sorted([('b', 2), ('a', 3), ('c', 1)], key=o.itemgetter(1)))
print(list(map(o.attrgetter('real', 'imag'), [1 + 2j, 3j])))
