# split, rsplit, join, splitlines, partition
s = "  the quick  brown fox  "
print(s.split(), s.split(" "), s.strip().split(" ", 2))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("a b c d".rsplit(None, 2), "a b c d".split(maxsplit=1))
print("".split(), "".split(","), "abc".split("abc"))
print("x--y--z".split("--"), "--".join(["1", "2", "3"]), "".join([]))
print(", ".join(str(i) for i in range(5)), "-".join("abc"))
try:
    ",".join([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a".split("")
except ValueError as e:
    print(type(e).__name__, e)
text = "line1\nline2\r\nline3\rline4\n\nlast"
print(text.splitlines(), text.splitlines(True))
print("one\n".splitlines(), "".splitlines(), "no newline".splitlines())
print("key=value=more".partition("="), "key=value=more".rpartition("="))
print("nosep".partition("="), "nosep".rpartition("="))
print("a\tb\nc  d".split(), " x ".split(" "))
print("1 2  3".split(" "), "a.b.c".rsplit(".", 0))
