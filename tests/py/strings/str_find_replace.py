# find, rfind, index, rindex, count, replace
s = "abracadabra"
print(s.find("a"), s.find("bra"), s.find("z"), s.find("a", 1), s.find("a", 1, 3))
print(s.rfind("a"), s.rfind("bra"), s.rfind("z"), s.rfind("a", 0, 5))
print(s.index("c"), s.rindex("a"), s.count("a"), s.count("bra"), s.count(""))
print(s.count("a", 5), s.find(""), s.rfind(""))
try:
    s.index("z")
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.rindex("z")
except ValueError as e:
    print(type(e).__name__, e)
print(s.replace("a", "A"), s.replace("a", "A", 2), s.replace("bra", ""))
print(s.replace("", "-"), "aaa".replace("a", "aa"), "x".replace("y", "z"))
print("hello world".replace(" ", "_").upper())
print("ababab".count("aba"), "aaaa".count("aa"))
t = "The rain in Spain"
print(t.lower().count("ain"), t.find("ain"), t.rfind("ain"))
print("ünïcödé".find("c"), "ünïcödé".replace("ö", "o"))
print(s.removeprefix("abra"), s.removesuffix("abra"), s.removeprefix("x"))
