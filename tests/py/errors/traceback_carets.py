# uncaught KeyError through a lambda and a comprehension: 3.11 caret lines (~~~^^^) expected
table = {"a": 1, "b": 2}
lookup = lambda k: table[k]
print([lookup(k) for k in "ab"])
def total(keys):
    return sum([lookup(k) for k in keys])
print(total("abba"))
print(total("abc"))
print("not reached")
print("never")
print("never again")
