# str.format with positional, keyword, index, attribute and format specs
print("{} {} {}".format(1, "two", 3.0))
print("{0} {1} {0}".format("a", "b"), "{1}{0}".format("x", "y"))
print("{name} is {age}".format(name="Ann", age=7), "{0[1]} {1[k]}".format([1, 2], {"k": "v"}))
class P:
    x = 3
    y = 4
print("{0.x},{0.y}".format(P()), "{p.x}".format(p=P))
print("{:5}|{:<5}|{:>5}|{:^5}|{:*^7}".format("ab", "ab", "ab", "ab", "ab"))
print("{:5}|{:<5}|{:>5}|{:^5}".format(12, 12, 12, 12))
print("{:.3f} {:10.2f} {:<10.1f}| {:e} {:.2e} {:g}".format(3.14159, 2.5, 2.25, 1234.5, 0.000123, 1e-7))
print("{:,} {:_} {:,.2f} {:08.2f} {:+.1f}".format(1234567, 1234567, 1234567.891, -3.14159, 2.0))
print("{:x} {:X} {:#x} {:o} {:#o} {:b} {:#b} {:08b}".format(255, 255, 255, 8, 8, 5, 5, 5))
print("{:%} {:.1%} {:.0%}".format(0.25, 0.123, 1))
print("{!r} {!s} {!a}".format("hi", "hi", "hé"))
print("{{literal}} {}".format("x"), "{:{w}.{p}f}".format(3.14159, w=10, p=2))
print("{:>{}}".format("r", 4), "{:c}".format(97), "{:d}".format(True))
print("{:=+8d} {:=8d}".format(42, -42), "{: d} {: d}".format(5, -5))
print("{:10}|{:<10}|".format(1.5, True))
try:
    "{} {}".format(1)
except IndexError as e:
    print(type(e).__name__, e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print(type(e).__name__, e)
try:
    "{:d}".format("s")
except ValueError as e:
    print(type(e).__name__, e)
print("{0:>3}{0:>3}{1:>3}".format(1, 2), format(3.5, ".3g"), format("s", "^3"))
