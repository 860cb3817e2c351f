# string operators and comparisons
print("abc" + "def", "ab" * 3, "-" * 0, "abc" < "abd", "abc" < "ab", "B" < "a")
print("a" == "a", "a" != "A", "" < "a", "Z" < "a", "é" > "z")
print(sorted(["banana", "Apple", "cherry", "apple"]), max("hello"), min("hello"))
print("hello" * 2 == "hellohello", "x" in "xyz", "yz" in "xyz", "zy" in "xyz")
print(len("a" * 1000), ("ab" * 500).count("ab"))
s = ""
for i in range(5):
    s += str(i)
print(s, type(s).__name__)
print(str(123), str(1.5), str([1, "a"]), str(None), str(), str("x"))
print(repr("abc"), repr(""), repr("a'b"), repr('a"b'))
print("abc".__len__(), "abc".__contains__("b"), "abc".__getitem__(1))
print(hash("abc") == hash("ab" + "c"))
print("%s" % "ok", "{}".format("ok"), f"{'ok'}")
words = "the cat sat on the mat".split()
print(len(words), words.count("the"), sorted(set(words)))
print(" ".join(reversed(words)), " ".join(w[::-1] for w in words))
print("-".join(words).upper().split("-")[2])
print(list(map(len, words)), "".join(w[0] for w in words))
try:
    "a" + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a" * "b"
except TypeError as e:
    print(type(e).__name__, e)
print("a" < "b" < "c", str.upper("x"), str.join(",", ["a", "b"]))
