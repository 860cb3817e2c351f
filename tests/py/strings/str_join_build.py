# building strings: join vs concatenation, repeated patterns, string comparisons in loops
parts = []
for i in range(10):
    parts.append(str(i) * (i % 3 + 1))
print("".join(parts), "|".join(parts[:4]))
s = ""
for word in ["alpha", "beta", "gamma"]:
    s += word[0].upper() + word[1:] + " "
print(repr(s), repr(s.rstrip()))
print("\n".join("%2d: %s" % (i, "*" * i) for i in range(1, 6)))
rows = [["a", "b", "c"], ["1", "22", "333"]]
widths = [max(len(r[i]) for r in rows) for i in range(3)]
for r in rows:
    print(" | ".join(v.ljust(w) for v, w in zip(r, widths)))
print(",".join(map(str, range(5))), "".join(reversed("abc")), "".join(sorted("banana")))
acronym = "".join(w[0] for w in "portable virtual machine".split()).upper()
print(acronym)
pal = "A man, a plan, a canal: Panama"
clean = "".join(c.lower() for c in pal if c.isalnum())
print(clean, clean == clean[::-1])
print("-" * 10 + ">" + "<" + "=" * 5)
big = "ab" * 10000
print(len(big), big[:6], big[-3:], big.count("ba"))
print("x".join(["single"]), "".join([]), repr(" ".join(["", ""])))
