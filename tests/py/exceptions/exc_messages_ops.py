# TypeError messages for unsupported operand types
ops = [
    ("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
    ("/", lambda a, b: a / b), ("//", lambda a, b: a // b), ("%", lambda a, b: a % b),
    ("**", lambda a, b: a ** b), ("<<", lambda a, b: a << b), ("&", lambda a, b: a & b),
    ("<", lambda a, b: a < b), (">=", lambda a, b: a >= b),
]
pairs = [(1, "a"), ("a", 1.5), ([1], None), ({}, {}), ((1,), [1])]
for sym, fn in ops:
    for a, b in pairs:
        try:
            r = fn(a, b)
            print(sym, repr(a), repr(b), "->", repr(r))
        except TypeError as e:
            print(sym, type(e).__name__, e)
for fn in (lambda: -"s", lambda: +[], lambda: ~1.0, lambda: abs(None)):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__, e)
