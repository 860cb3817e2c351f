# types.MappingProxyType and class __dict__ (a live, read-only view).
import types
import collections
import pprint

M = types.MappingProxyType
for a in ("abc", [1], (1,), 5, {'a': 1}, collections.OrderedDict(z=1)):
    try:
        print(repr(M(a)))
    except Exception as e:
        print(type(e).__name__, e)

m = M({'a': 1, 'b': 2})
try:
    hash(m)
except Exception as e:
    print(type(e).__name__, e)
print(m == {'a': 1, 'b': 2}, m != {'a': 1}, len(m), 'a' in m, 'z' in m)
print(list(m), list(reversed(m)), list(m.__reversed__()))
print(m.get('a'), m.get('z'), m.get('z', 3), m.keys(), m.values(), m.items())
print(m.copy(), type(m.copy()).__name__)
print(str(m), m | {'c': 3}, {'c': 3} | m, m | m)
print(type(M(collections.OrderedDict(a=1)).copy()).__name__)
try:
    del m['a']
except TypeError:
    print("del: TypeError")
print(sorted(set(dir(m)) - set(dir(object()))))
for stmt in ("m['a'] = 2", "m |= {'c': 3}", "m['zz']", "M()",
             "m.x = 1", "m.get()", "m.get(1, 2, 3)", "m.keys(1)"):
    try:
        exec(stmt)
    except Exception as e:
        print(type(e).__name__, e)
print(M(mapping={'x': 1}))
print(M[int, str])
try:
    class S(M):
        pass
except Exception as e:
    print(type(e).__name__, e)
print(iter(m).__class__.__name__)


class A:
    x = 1


d = A.__dict__
A.y = 2
print(type(d).__name__, 'y' in d, d['x'], d.get('y'))
print(sorted(k for k in vars(A) if not k.startswith('__')))
print(type(int.__dict__).__name__, type(vars(int)).__name__, 'bit_length' in int.__dict__)
try:
    A.__dict__['z'] = 3
except Exception as e:
    print(type(e).__name__, e)
print(isinstance(A.__dict__, types.MappingProxyType))

# pprint dispatches on the proxy's repr
print(pprint.pformat(M({'k': list(range(30))}), width=40))
match A.__dict__:
    case {'x': v}:
        print('matched', v)
