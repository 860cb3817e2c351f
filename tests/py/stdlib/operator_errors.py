# Error cases of the native _operator module (CPython's exact messages).
import _operator as o


def t(src):
    try:
        r = eval(src)
    except Exception as e:
        print(src, '!!', type(e).__name__, e)
    else:
        print(src, '->', r)


for s in [
    "o.add(1)", "o.add(1, 2, 3)", "o.add(x=1)", "o.add(1, 'a')", "o.truth()", "o.not_(1, 2)",
    "o.is_(1)", "o.neg('a')", "o.inv('a')", "o.pos('a')", "o.abs('a')", "o.index(1.5)", "o.index('a')",
    "o.itemgetter()", "o.itemgetter(1, x=2)", "o.itemgetter(1)(1)", "o.itemgetter(5)([1])",
    "o.itemgetter(1)()", "o.itemgetter(1)([1, 2], 3)", "o.itemgetter(1)(a=1)",
    "o.attrgetter(1)", "o.attrgetter()", "o.attrgetter('x')(1)", "o.attrgetter('real.nope')(1)",
    "o.attrgetter('x', 2)", "o.attrgetter('x', y=1)",
    "o.methodcaller()", "o.methodcaller(1)", "o.methodcaller('nope')(1)", "o.methodcaller('upper')()",
    "o.methodcaller(name='x')",
    "o.concat(1, 2)", "o.concat({}, {})", "o.iconcat(1, 2)", "o.countOf(1, 2)", "o.indexOf([1], 2)",
    "o.indexOf(1, 2)", "o.contains(1, 2)", "o.getitem(1, 2)", "o.setitem(1, 2)", "o.setitem((), 0, 1)",
    "o.delitem([1], 5)", "o.delitem({}, 'k')",
    "o.length_hint(1, 'a')", "o.length_hint(iter([1]), 2.0)", "o.length_hint(1, 2, 3)", "o.length_hint()",
    "o.length_hint(1, True)",
    "o._compare_digest('a', b'a')", "o._compare_digest(b'a', 'a')", "o._compare_digest(b'a', 1)",
    "o._compare_digest(1, 2)", "o._compare_digest('\u00e4', '\u00e4')", "o._compare_digest('a')",
    "o.call()", "o.call(1)", "o.truediv(1, 0)", "o.mod(1, 0)", "o.pow(0, -1)", "o.lshift(1, -1)",
    "o.lt(1, 'a')", "o.ge([], 1)",
]:
    t(s)


class BadHint:
    def __length_hint__(self):
        return -5


class NotImpl:
    def __length_hint__(self):
        return NotImplemented


class BadLen:
    def __len__(self):
        raise RuntimeError('len fails')


for v in [BadHint(), NotImpl(), BadLen()]:
    try:
        print(o.length_hint(v, 3))
    except Exception as e:
        print(type(e).__name__, e)
