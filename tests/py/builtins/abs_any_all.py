# abs, any, all
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(-(2 ** 70)), abs(True), abs(-False))
print(any([]), all([]), any([0, 0]), any([0, 1]), all([1, 1]), all([1, 0]))
print(any("abc"), all(""), any([None, "", ()]), all([[1], "x", 2]))
print(any(x > 10 for x in range(20)), all(x < 10 for x in range(20)))
calls = []
def t(v):
    calls.append(v)
    return v
print(any(t(v) for v in [0, 1, 2]), calls)
calls.clear()
print(all(t(v) for v in [1, 0, 2]), calls)
class A:
    def __abs__(self):
        return "abs called"
print(abs(A()))
try:
    abs("s")
except TypeError as e:
    print(type(e).__name__, e)
try:
    any(5)
except TypeError as e:
    print(type(e).__name__, e)
print(any({0: "a"}), all({1: 0}), any({0}), all(range(1, 5)))
