# Cycles through descriptors, partial, deque, defaultdict, OrderedDict,
# SimpleNamespace, super, modules, mappingproxy and operator objects.
import gc, weakref, sys, functools, collections, operator, itertools, types
gc.disable()
gc.collect()

class Obj:
    pass

def check(label, make):
    w = make()
    gc.collect()
    print(label, w() is None)

def prop_cycle():
    o = Obj()
    p = property(lambda s: o)
    o.p = p
    return weakref.ref(o)

check("property freed", prop_cycle)

def sm_cycle():
    o = Obj()
    o.s = staticmethod(o)
    o.c = classmethod(o)
    return weakref.ref(o)

check("staticmethod classmethod freed", sm_cycle)

def partial_cycle():
    o = Obj()
    o.p = functools.partial(print, o, k=o)
    return weakref.ref(o)

check("partial freed", partial_cycle)

def partial_self():
    p = functools.partial(print)
    p.me = p
    o = Obj()
    p.o = o
    return weakref.ref(o)

check("partial dict freed", partial_self)

def deque_cycle():
    d = collections.deque()
    d.append(d)
    o = Obj()
    d.append(o)
    return weakref.ref(o)

check("deque freed", deque_cycle)

def defdict_cycle():
    o = Obj()
    d = collections.defaultdict(lambda: o)
    o.d = d
    return weakref.ref(o)

check("defaultdict factory freed", defdict_cycle)

def defdict_value_cycle():
    d = collections.defaultdict(list)
    d["x"].append(d)
    o = Obj()
    d["o"] = o
    return weakref.ref(o)

check("defaultdict freed", defdict_value_cycle)

def od_cycle():
    d = collections.OrderedDict()
    d["me"] = d
    o = Obj()
    d["o"] = o
    return weakref.ref(o)

check("OrderedDict freed", od_cycle)

def ns_cycle():
    n = types.SimpleNamespace()
    n.me = n
    o = Obj()
    n.o = o
    return weakref.ref(o)

check("SimpleNamespace freed", ns_cycle)

def super_cycle():
    class B:
        pass
    class C(B):
        pass
    o = C()
    o.s = super(C, o)
    return weakref.ref(o)

check("super freed", super_cycle)

def module_cycle():
    m = types.ModuleType("m")
    o = Obj()
    m.o = o
    o.m = m
    return weakref.ref(o)

check("module freed", module_cycle)

def proxy_cycle():
    o = Obj()
    d = {"o": o}
    o.mp = types.MappingProxyType(d)
    return weakref.ref(o)

check("mappingproxy freed", proxy_cycle)

def operator_cycle():
    o = Obj()
    o.i = operator.itemgetter(o)
    o.a = operator.attrgetter("x")
    o.m = operator.methodcaller("f", o, k=o)
    return weakref.ref(o)

check("operator freed", operator_cycle)

print("done", gc.collect())
