# format() builtin and __format__
print(format(3.14159, ".2f"), format(42, "05d"), format("x", ">3"), format(255, "b"), format(0.5, "%"))
print(format(1234567, ","), format(-1.5, "+.3e"), format(True), format(None), format([1, 2]))
print(format(12.0), format(12), format("s"), format(1e-10), repr(format(3, "")))
class Temp:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        if spec == "F":
            return "%.1fF" % (self.c * 9 / 5 + 32)
        if spec == "C" or spec == "":
            return "%.1fC" % self.c
        return format(self.c, spec)
t = Temp(20)
print(format(t), format(t, "F"), format(t, "C"), format(t, ".3f"), f"{t:F}", "{:F}".format(t))
class Plain:
    def __str__(self):
        return "plain-str"
print(format(Plain()), f"{Plain()}", "{}".format(Plain()))
try:
    format(Plain(), "x")
except TypeError as e:
    print(type(e).__name__, e)
try:
    format(1, "z")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format("s", "d")
except ValueError as e:
    print(type(e).__name__, e)
print(format(10, "#o"), format(10, "#X"), format(-10, "x"), format(3.0, "g"), format(1e6, "g"), format(1e16, "g"))
