# iterating strings, char codes, building strings
s = "Python"
for ch in s:
    print(ch, ord(ch), end=" | ")
print()
print(list(s), tuple(s), sorted(s), list(reversed(s)))
print("".join(sorted(s, key=str.lower)))
codes = [ord(c) for c in "hello"]
print(codes, "".join(chr(c) for c in codes))
print("".join(chr(ord(c) + 1) for c in "HAL"))
def caesar(text, k):
    out = []
    for c in text:
        if c.isalpha():
            base = ord("a") if c.islower() else ord("A")
            out.append(chr((ord(c) - base + k) % 26 + base))
        else:
            out.append(c)
    return "".join(out)
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
vowels = sum(1 for c in "the quick brown fox" if c in "aeiou")
print(vowels)
it = iter("ab")
print(next(it), next(it), next(it, "end"))
print(enumerate("xy").__next__(), list(enumerate("xy", 1)))
print(list(zip("abc", "123")), dict(zip("ab", "xy")))
print(max("banana", key="banana".count), "mississippi".index("ss"))
