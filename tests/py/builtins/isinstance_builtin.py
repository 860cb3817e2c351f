# isinstance / issubclass / type / callable on builtin types
checks = [(1, int), (True, int), (True, bool), (1.0, float), (1, float), ("s", str),
          (b"b", bytes), ([], list), ((), tuple), ({}, dict), (set(), set),
          (frozenset(), frozenset), (None, type(None)), (range(1), range), (int, type),
          (len, object), (print, object), (type, type), (object, object)]
for v, t in checks:
    print(repr(v) if not callable(v) or isinstance(v, type) else v.__name__, t.__name__, isinstance(v, t))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, object), issubclass(type, object))
print(issubclass(list, (dict, tuple)), issubclass(dict, (dict, tuple)))
print(type(1) is int, type(1.0) is float, type("") is str, type([]) is list, type(None).__name__)
print([type(x).__name__ for x in (1, 1.0, "", b"", [], (), {}, set(), frozenset(), None, True, range(0), slice(1), ...)])
print(isinstance(1, (list, (str, (bytes, int)))))
