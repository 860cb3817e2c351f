# inspect: signature/Parameter/bind, getsource, getmembers, isfunction and
# friends, getdoc/cleandoc, stack/currentframe, unwrap, getfullargspec,
# getattr_static, generator/coroutine state, getmodule.
import functools
import inspect


def func(a, b: int = 2, *args, c, d="x", **kw) -> str:
    """Docstring of func.

    More detail here.
    """
    return "r"


class K:
    """Class doc."""
    attr = 1

    def method(self, x, /, y=3):
        return x

    @classmethod
    def cm(cls):
        pass

    @staticmethod
    def sm(z):
        pass

    @property
    def prop(self):
        return 5


sig = inspect.signature(func)
print(sig, sig.return_annotation, list(sig.parameters))
for name, prm in sig.parameters.items():
    print(name, prm.kind.name, prm.default is inspect.Parameter.empty, prm.annotation)
ba = sig.bind(1, 3, 4, c=5, e=6)
ba.apply_defaults()
print(ba.arguments, ba.args, ba.kwargs)
try:
    sig.bind(1)
except TypeError as e:
    print("TypeError:", e)
print(inspect.signature(K.method), inspect.signature(K().method), inspect.signature(K), inspect.signature(K.cm))
print(inspect.getfullargspec(func))
print(inspect.getdoc(func), inspect.getdoc(K), inspect.cleandoc("  a\n    b\n  c"))
print(inspect.getsource(K.sm), end="")
print(inspect.getsourcelines(func)[1], inspect.getmodule(func).__name__, inspect.getfile(func) == __file__)
print([n for n, v in inspect.getmembers(K) if not n.startswith("__")], [n for n, _ in inspect.getmembers(K, inspect.isfunction)])
print(inspect.isfunction(func), inspect.ismethod(K().method), inspect.isclass(K), inspect.ismodule(inspect), inspect.isbuiltin(len))
print(inspect.isroutine(len), inspect.isdatadescriptor(K.__dict__["prop"]), inspect.getattr_static(K(), "prop").__class__.__name__)


def gen():
    yield 1


g = gen()
print(inspect.isgenerator(g), inspect.isgeneratorfunction(gen), inspect.getgeneratorstate(g))
next(g)
print(inspect.getgeneratorstate(g), inspect.getgeneratorlocals(g))
g.close()
print(inspect.getgeneratorstate(g))


async def coro():
    pass


c = coro()
print(inspect.iscoroutine(c), inspect.iscoroutinefunction(coro), inspect.getcoroutinestate(c), inspect.isawaitable(c))
c.close()


def deco(f):
    @functools.wraps(f)
    def w(*a, **k):
        return f(*a, **k)
    return w


@deco
def wrapped(p, q=1):
    pass


print(inspect.signature(wrapped), inspect.unwrap(wrapped).__name__, inspect.unwrap(wrapped) is not wrapped)


def where():
    fr = inspect.currentframe()
    caller = fr.f_back
    st = inspect.stack()
    return fr.f_code.co_name, caller.f_code.co_name, [s.function for s in st[:2]], st[0].lineno - fr.f_lineno


print(where())
print(inspect.Parameter("x", inspect.Parameter.KEYWORD_ONLY, default=1), inspect.Signature([inspect.Parameter("a", 1)]))
print(inspect.getmro(bool), inspect.isabstract(K), inspect.getclosurevars(deco(func)).nonlocals.keys())
print(inspect.formatannotation(list[int]), sig.replace(return_annotation=inspect.Signature.empty))
