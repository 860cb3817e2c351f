# format() and f-strings with complex.
z = 1 + 2j
vals = [z, -1.5 - 0.25j, 1j, -1j, 0j, -0j, complex(-0.0, 0), 1234567.891 + 9876543.21j,
        complex(1e20, 1e-20), complex(float("inf"), float("nan")), complex(float("-inf"), 0),
        complex(0, float("nan")), complex(-0.0, -0.0), complex(0.0005, 123456789)]
specs = ["", ".2f", ">20", "<20", "^20", "*^30", "+", "-", " ", ".3e", ".3E", ".4g", ".4G", "g",
         "G", "e", "E", "f", "F", "n", ".2", ".0f", "#.0f", "#", "#g", ",.2f", "_.3f", ",", "_",
         "20.3f", "+.1f", " .1f", "z.1f", "z", ".10g", ".0e", ".17g", "x<25.2f", "+>25"]
for v in vals:
    for spec in specs:
        try:
            print(repr(v), repr(spec), repr(format(v, spec)))
        except ValueError as e:
            print(repr(v), repr(spec), type(e).__name__, e)
for spec in ["%", "d", "s", "x", "010", "0>10", "=10", "x=10", "010.2f", "0", ".2%", "c", "r",
             "b", ",d", "10,_", "q", ".", "1.2.3"]:
    try:
        print(repr(spec), repr(format(z, spec)))
    except ValueError as e:
        print(repr(spec), type(e).__name__, e)
print(f"{z:.2f}", f"{z:>20}|", f"{z!r:>12}", f"{z!s:^12}|", f"{z:{'>'}{10}}", f"{z=}")
print(complex.__format__(z, ""), complex.__format__(z, ".1f"), "{:.3}".format(z),
      "{0.real} {0.imag}".format(z), "{:+.1e}".format(-1 - 1j), "%s|%r" % (z, z))
try:
    complex.__format__(z, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print("%.2f" % z)
except TypeError as e:
    print(type(e).__name__, e)
