# types: the type objects it names, SimpleNamespace, MappingProxyType,
# new_class/prepare_class, MethodType, DynamicClassAttribute, coroutine.
import types
import sys


def f():
    yield 1


async def co():
    pass


class C:
    def m(self):
        return 1

    @classmethod
    def cm(cls):
        return cls


print(isinstance(f, types.FunctionType), isinstance(f(), types.GeneratorType), isinstance(len, types.BuiltinFunctionType))
c = co()
print(isinstance(c, types.CoroutineType), isinstance(C().m, types.MethodType), isinstance(sys, types.ModuleType))
c.close()
print(isinstance(f.__code__, types.CodeType), type(None) is types.NoneType, type(...) is types.EllipsisType)
print(isinstance(C.__dict__["m"], types.FunctionType), type(str.join) is types.MethodDescriptorType)
print(type(object.__init__) is types.WrapperDescriptorType, type(int.__dict__["real"]) is types.GetSetDescriptorType)
print(types.GenericAlias(list, (int,)), type(int | str) is types.UnionType, types.NotImplementedType.__name__)
try:
    raise ValueError
except ValueError as e:
    print(isinstance(e.__traceback__, types.TracebackType), isinstance(e.__traceback__.tb_frame, types.FrameType))
ns = types.SimpleNamespace(a=1, b="x")
ns.c = [2]
print(ns, ns == types.SimpleNamespace(a=1, b="x", c=[2]), vars(ns) == {"a": 1, "b": "x", "c": [2]})
del ns.a
print(ns, hasattr(ns, "a"))
mp = types.MappingProxyType({"k": 1, "j": 2})
print(mp["k"], len(mp), sorted(mp), mp.get("z", 0), "k" in mp, mp.copy())
try:
    mp["k"] = 3
except TypeError as e:
    print("TypeError:", e)
m = types.ModuleType("mymod", "doc here")
m.x = 5
print(m.__name__, m.__doc__, m.x, repr(m))
bound = types.MethodType(lambda self, y: (type(self).__name__, y), C())
print(bound(7))
N = types.new_class("N", (C,), {}, lambda ns: ns.update({"z": 9}))
print(N.__name__, N.z, N().m(), N.__mro__[1] is C)
meta, ns2, kw = types.prepare_class("Q", (), {"metaclass": type})
print(meta is type, type(ns2).__name__, kw)
print(types.resolve_bases([int, list]))


@types.coroutine
def gen_co():
    yield 5


print(gen_co.__name__, type(gen_co()).__name__)
