# string indexing and slicing
s = "Hello, World"
print(s[0], s[-1], s[7], s[-5])
print(s[:5], s[7:], s[-5:], s[::2], s[1::3], s[::-1], s[10:2:-2])
print(s[100:], s[-100:3], repr(s[5:5]), s[3:-3])
try:
    s[20]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s[0] = "h"
except TypeError as e:
    print(type(e).__name__, e)
u = "héllo wörld ✓"
print(len(u), u[1], u[-1], u[7], u[::-1], u.upper())
print(len("日本語"), "日本語"[1], len("😀a"), "😀a"[0])
print([c for c in "añb"])
print("abc"[1:2], "abc"[-1:], "abc"[:-1])
print(len(""), ""[:5] == "")
for i, ch in enumerate("xyz"):
    print(i, ch)
print(s[slice(0, 5)], s[len(s) - 1])
print("x" * 0 == "", "ab" * 3, 3 * "-")
print("ell" in s, "xyz" in s, "" in s, "H" not in s)
