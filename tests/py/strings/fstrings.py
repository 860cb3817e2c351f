# f-strings
name, n, pi = "World", 42, 3.14159265
print(f"Hello, {name}!", f"{n}", f"{n + 1}", f"{name!r}", f"{name!s}", f"{'é'!a}")
print(f"{n=}", f"{pi=:.2f}", f"{name = }", f"{n * 2 = }")
print(f"{pi:.3f}|{pi:10.2f}|{pi:<10.2f}|{pi:^10.1f}|{pi:e}")
print(f"{n:5}|{n:<5}|{n:^5}|{n:05}|{n:+}|{-n:_^9}")
print(f"{1234567:,}|{1234567.891:,.2f}|{0.256:.1%}|{255:x}|{255:#X}|{10:b}|{8:o}")
width, prec = 12, 3
print(f"{pi:{width}.{prec}f}|", f"{'txt':>{width}}|", f"{n:{'*'}^{9}}")
items = ["a", "b"]
print(f"{items}", f"{items[0]}", f"{len(items)}", f"{ {'k': 1}['k'] }")
print(f"{'nested ' + f'{n}'}", f"{{braces}}", f"{{{n}}}")
d = {"key": "val"}
print(f"{d['key']}", f"{d}")
x = 10
print(f"{x if x > 5 else 0}", f"{(lambda v: v * 2)(x)}", f"{x:>{x}}|")
print(f"{3.0}", f"{1e20}", f"{None}", f"{True:d}", f"{[1, 2]!r}")
print(f"multi"
      f"part {n}")
print(f"{'left':<8}|{'right':>8}|{'mid':^8}|")
print(f"{2 ** 64:,}", f"{-1234.5:012.2f}", f"{0.1 + 0.2!r}", f"{'q'!r:>5}")
