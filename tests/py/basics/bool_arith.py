# bool as int and comparisons
print(True + 1, False + 1, True * True, True / True, True // True)
print(sum([True, True, False, True]), sum(x > 2 for x in range(6)))
print(True == 1, False < True, max(False, True))
print([1, 2, 3][True], "ab"[False])
d = {True: "yes", 1: "one"}
print(d)
print(-True, ~False, abs(-True), True ** 10)
print(True & True, True | False, False ^ True, type(True & True).__name__)
print(type(True + True).__name__, type(True or 2).__name__)
print(str(True), repr(False), int("1") == True)
print(bool("False"), bool(0.0), bool("0"))
print(sorted([True, False, 0, 1, -1]))
print(divmod(True, True), pow(True, 5), round(True))
print(f"{True}", "%d" % True, "%s" % False, format(True, "d"))
print(True.__class__.__name__, bool.__name__)
print(bool.__bases__[0].__name__)
try:
    class B(bool):
        pass
except TypeError as e:
    print(type(e).__name__, e)
