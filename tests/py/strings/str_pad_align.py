# center, ljust, rjust, zfill, expandtabs
print("[" + "hi".center(6) + "]", "[" + "hi".center(7) + "]", "[" + "hi".center(7, "*") + "]")
print("[" + "abc".ljust(6) + "]", "[" + "abc".rjust(6) + "]", "[" + "abc".ljust(6, ".") + "]")
print("[" + "toolong".center(3) + "]", "[" + "x".rjust(0) + "]")
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "abc".zfill(5), "12345".zfill(3))
print("a\tb\tc".expandtabs(), "a\tb\tc".expandtabs(4), "12345\t6".expandtabs(4))
print(repr("\t".expandtabs(2)), "x\ty\nab\tz".expandtabs(3))
for word in ["a", "bb", "ccc", "dddd"]:
    print("|" + word.ljust(5) + "|" + word.center(5) + "|" + word.rjust(5) + "|")
print("é".center(5, "-"), "✓".rjust(3, "·"))
try:
    "x".center(5, "ab")
except TypeError as e:
    print(type(e).__name__, e)
print("-" * 20)
rows = [("apple", 3), ("kiwi", 12), ("banana", 100)]
for name, n in rows:
    print(name.ljust(10) + str(n).rjust(5))
