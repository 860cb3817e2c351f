# Slot wrappers and method-wrappers carry CPython 3.11's __text_signature__,
# so inspect.signature works on them (test_types' test_dunder_get_signature).
import inspect
names = ["__abs__", "__add__", "__and__", "__bool__", "__call__", "__contains__", "__delattr__", "__delete__", "__delitem__", "__eq__", "__float__", "__floordiv__", "__ge__", "__get__", "__getattribute__", "__getitem__", "__gt__", "__hash__", "__iadd__", "__iand__", "__imul__", "__index__", "__init__", "__int__", "__invert__", "__ior__", "__isub__", "__iter__", "__ixor__", "__le__", "__len__", "__lshift__", "__lt__", "__mod__", "__mul__", "__ne__", "__neg__", "__next__", "__or__", "__pos__", "__pow__", "__radd__", "__rand__", "__repr__", "__rfloordiv__", "__rlshift__", "__rmod__", "__rmul__", "__ror__", "__rpow__", "__rrshift__", "__rshift__", "__rsub__", "__rtruediv__", "__rxor__", "__set__", "__setattr__", "__setitem__", "__str__", "__sub__", "__truediv__", "__xor__"]
types_ = [object, int, float, list, dict, set, str, bytearray, type, property, type(iter([])), type(lambda: 0), type(object.__init__), bool]
for n in names:
    for t in types_:
        w = t.__dict__.get(n)
        if w is not None and type(w).__name__ == "wrapper_descriptor":
            print(n, w.__text_signature__, inspect.signature(w))
            break
sig = inspect.signature(object.__init__.__get__)
print(sig, list(sig.parameters), sig.parameters["owner"].default)
print(inspect.signature((1).__add__), inspect.signature(object().__init__), inspect.signature([].__len__))
