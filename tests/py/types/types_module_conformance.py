# types.SimpleNamespace: recursive repr, comparison by the real type,
# constructor arguments; a metaclass __prepare__ that returns no mapping.
import types

def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)

ns1 = types.SimpleNamespace(c='cookie')
ns2 = types.SimpleNamespace()
ns3 = types.SimpleNamespace(x=1)
ns1.spam = ns1
ns2.spam = ns3
ns3.spam = ns2
print(repr(ns1))
print(repr(ns2))
print(repr([ns1, ns1]))
class S(types.SimpleNamespace): pass
s = S(x=1); s.me = s
print(s)
ns = types.SimpleNamespace(a=1); ns.__dict__[5] = 3; ns.__dict__[''] = 4
print(ns)
class Bad:
    def __repr__(self): raise ValueError('boom')
nb = types.SimpleNamespace(b=Bad())
t(lambda: repr(nb))
nb.b = 2
t(lambda: repr(nb))

class FakeSimpleNamespace(str):
    __class__ = types.SimpleNamespace
print(types.SimpleNamespace() == FakeSimpleNamespace())
print(types.SimpleNamespace() != FakeSimpleNamespace())
for op in ('<', '<=', '>', '>='):
    try: eval('types.SimpleNamespace() %s FakeSimpleNamespace()' % op)
    except TypeError as e: print(op, 'TypeError')
print(types.SimpleNamespace(a=1) == types.SimpleNamespace(a=1), S(a=1) == types.SimpleNamespace(a=1))
t(lambda: types.SimpleNamespace({'a': 1}))
t(lambda: types.SimpleNamespace(**{1: 2}))
t(lambda: types.SimpleNamespace(a=1, b=2))

# A metaclass __prepare__ must return a mapping.
class BadMeta(type):
    @classmethod
    def __prepare__(*args):
        return None
try:
    class Foo(metaclass=BadMeta): pass
except TypeError as e: print(type(e).__name__, e)
class BadMeta2:
    @classmethod
    def __prepare__(*args):
        return 5
try:
    class Bar(metaclass=BadMeta2()): pass
except TypeError as e: print(type(e).__name__, e)
class ListMeta(type):
    @classmethod
    def __prepare__(*args):
        return []
try:
    class Baz(metaclass=ListMeta): pass
except Exception as e: print(type(e).__name__, e)
