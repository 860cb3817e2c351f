# print/str/repr of assorted containers and special values
print([], {}, (), set(), frozenset(), "", b"", range(0), None)
print([[]], [{}], [()], [""], [b""], [None], [...])
print({"a": [1, (2, 3)], "b": {"c": None}})
print(((1,),), ([],), ({},), (("nested", ("deeper",)),))
print([1.0, 2.5, -0.0, 1e20, 1e-20, float("inf"), float("nan")])
print(["tab\t", "nl\n", "quote'", 'dq"', "back\\slash", "uni é", "\x00"])
print([True, False, None], (True,), {True: False})
print({1: "one", 2.5: "two.5", "three": 3, (4,): [4], None: None, False: 0})
print([range(3), slice(1, 2), slice(None)], str(range(1, 10, 2)))
print([b"\x01\x7f\x80\xff", b"'", b'"'], bytes(range(30, 40)))
print(str([1, "1"]), repr([1, "1"]), str(("a",)), repr(("a",)))
print({1, 2, 3}, frozenset({4}), [frozenset()], {(): ()})
d = {}
d[1] = d
l = [d]
l.append(l)
print(d, l)
