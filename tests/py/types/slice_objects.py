# slice objects
s = slice(1, 8, 2)
print(s, s.start, s.stop, s.step)
print(slice(5), slice(None, None, -1), slice(2, None))
data = list(range(10))
print(data[s], data[slice(3)], data[slice(None, None, -1)])
print("abcdefgh"[s], (0, 1, 2, 3, 4)[slice(-2, None)])
print(s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
class Rec:
    def __getitem__(self, key):
        return key
r = Rec()
print(r[1:2], r[::3], r[1:2, 3], r[:], r[5])
print(type(r[1:2]).__name__)
data[slice(0, 3)] = ["a"]
print(data)
del data[slice(None, None, 2)]
print(data)
try:
    data[slice(None, None, 0)]
except ValueError as e:
    print(type(e).__name__, e)
print(range(20)[slice(2, 15, 4)])
