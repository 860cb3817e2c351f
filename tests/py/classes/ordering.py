# __lt__ and friends with sorted/min/max
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
        self.s = s
    def __lt__(self, other):
        return self.parts < other.parts
    def __eq__(self, other):
        return self.parts == other.parts
    def __repr__(self):
        return "V" + self.s
vs = [Version(s) for s in ["1.10", "1.2", "1.2.1", "0.9", "2.0", "1.2"]]
print(sorted(vs), min(vs), max(vs))
print(sorted(vs, reverse=True))
print(Version("1.0") < Version("1.1"), Version("2.0") > Version("1.1"))
try:
    Version("1.0") <= Version("1.1")
except TypeError as e:
    print(type(e).__name__, e)
class Full:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o): return self.v < o.v
    def __le__(self, o): return self.v <= o.v
    def __gt__(self, o): return self.v > o.v
    def __ge__(self, o): return self.v >= o.v
print(Full(1) < Full(2), Full(1) <= Full(1), Full(3) > Full(2), Full(1) >= Full(2))
try:
    object() < object()
except TypeError as e:
    print(type(e).__name__, e)
class OnlyGt:
    def __init__(self, v):
        self.v = v
    def __gt__(self, o):
        print("gt called")
        return self.v > o.v
print(OnlyGt(1) < OnlyGt(2))
