# % formatting
print("%s and %s" % ("a", "b"), "%r" % "q", "%s" % [1, 2], "%s" % (1,))
print("%d %5d %-5d| %05d %+d" % (42, 42, 42, 42, 42))
print("%f %.2f %10.3f %-10.1f| %e %.3E" % (3.14159, 3.14159, 3.14159, 3.14159, 12345.678, 0.000123))
print("%g %g %g %g" % (0.0001, 1e-5, 123456, 1234567))
print("%x %X %o %#x %#o %c %c" % (255, 255, 8, 255, 8, 65, "z"))
print("%% literal", "%s%%" % 50)
print("%(name)s is %(age)d" % {"name": "Bob", "age": 30})
print("%*d|%-*d|" % (5, 1, 4, 2), "%.*f" % (2, 1.23456))
print("%s" % None, "%s" % True, "%d" % True, "%.0f" % 2.5, "%.0f" % 3.5)
print("%5s|%-5s|%.2s" % ("ab", "ab", "abcdef"))
print("%i" % 3.99, "%d" % -0.5, "%x" % -255)
try:
    "%d" % "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "%s %s" % ("only one",)
except TypeError as e:
    print(type(e).__name__, e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print(type(e).__name__, e)
print("%s" % "héllo", "%5.1f%%" % 99.5, "%d items" % 10 ** 20)
print("%r %a" % ("é", "é"))
