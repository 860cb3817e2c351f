# truthiness rules
values = [0, 1, -1, 0.0, 0.1, "", "a", " ", [], [0], (), (None,), {}, {0: 0},
          set(), {0}, None, True, False, range(0), range(1), b"", b"\x00",
          frozenset(), 10 ** 30, -0.0]
for v in values:
    print(repr(v), bool(v), "T" if v else "F", not v)

class Empty:
    def __len__(self):
        return 0

class Full:
    def __len__(self):
        return 3

class B:
    def __bool__(self):
        return False

class Plain:
    pass

print(bool(Empty()), bool(Full()), bool(B()), bool(Plain()))
print([x for x in [0, 1, "", "x", None, [], [1]] if x])
print(0 or [] or "" or "last", 1 and "a" and [1] and "end")
