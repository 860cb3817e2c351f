# __getitem__/__setitem__/__delitem__/__len__/__contains__/__iter__
class Store:
    def __init__(self):
        self.data = {}
    def __getitem__(self, k):
        print("get", k)
        return self.data[k]
    def __setitem__(self, k, v):
        print("set", k, v)
        self.data[k] = v
    def __delitem__(self, k):
        print("del", k)
        del self.data[k]
    def __len__(self):
        return len(self.data)
    def __contains__(self, k):
        print("contains", k)
        return k in self.data
    def __iter__(self):
        return iter(sorted(self.data))
s = Store()
s["a"] = 1
s["b"] = 2
print(s["a"], len(s), "a" in s, "z" in s, "z" not in s)
del s["a"]
print(list(s), len(s), bool(s))
s["c"] = 3
for k in s:
    print("iter", k)
s["b"] += 10
print(s.data)
try:
    s["missing"]
except KeyError as e:
    print(type(e).__name__, e)
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(Seq()), 9 in Seq(), 5 in Seq())
for v in Seq():
    print(v, end=" ")
print()
a, b, *c = Seq()
print(a, b, c)
class Mat:
    def __getitem__(self, idx):
        r, c = idx
        return r * 10 + c
print(Mat()[2, 3])
