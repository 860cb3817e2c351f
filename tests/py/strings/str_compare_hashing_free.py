# string comparison, sorting and membership (no hash values printed)
words = ["delta", "Alpha", "charlie", "bravo", "Echo", "alpha", "ALPHA"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: (w.lower(), w)))
print(sorted(words, key=len), sorted(words, key=lambda w: w[::-1]))
print(min(words), max(words), min(words, key=str.lower))
print("apple" < "banana", "apple" < "Apple", "a" * 3 < "aaaa", "abc" <= "abc", "" == "")
print("abc" == "ab" + "c", "abc" != "ABC".lower())
d = {}
for w in words:
    d.setdefault(w.lower(), []).append(w)
print(d)
print(sorted(set(w.lower() for w in words)))
print([w for w in words if w.lower().startswith(("a", "e"))])
print("charlie" in words, "CHARLIE" in words, any(w.lower() == "echo" for w in words))
versions = ["1.10", "1.2", "1.9", "10.0", "2.0"]
print(sorted(versions), sorted(versions, key=lambda v: [int(p) for p in v.split(".")]))
print(sorted(["b2", "a10", "a2", "b1"]), sorted(["x", "X", "y", "Y", "_", "0"]))
