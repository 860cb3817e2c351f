# Slot wrappers (wrapper_descriptor, method-wrapper) carry CPython's docstrings.
print(iter([]).__next__.__doc__)
for t, n in [(list, '__len__'), (list, '__init__'), (int, '__add__'), (int, '__radd__'), (object, '__repr__'), (set, '__isub__'), (list, '__iadd__'), (int, '__index__'), (property, '__get__'), (object, '__setattr__'), (float, '__bool__'), (int, '__neg__')]:
    d = t.__dict__.get(n)
    print(t.__name__, n, type(d).__name__, repr(d.__doc__) if d is not None else None)
class C:
    def __len__(self): return 0
print(C.__len__.__doc__, [].__len__.__doc__)
