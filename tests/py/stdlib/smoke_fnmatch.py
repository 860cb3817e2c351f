# fnmatch: fnmatch (case rules), fnmatchcase, filter, translate.
import fnmatch

names = ["data.csv", "Data.CSV", "notes.txt", "img01.png", "img2.png", "a[1].txt", ".hidden"]
for pat in ["*.csv", "*.[ct]??", "img?.png", "img*.png", "[!n]*.txt", "a[[]1].txt", "*", ".*", "[a-d]*"]:
    print(pat, fnmatch.filter(names, pat), [n for n in names if fnmatch.fnmatchcase(n, pat)])
print(fnmatch.fnmatch("FOO.py", "*.PY"), fnmatch.fnmatchcase("FOO.py", "*.PY"), fnmatch.fnmatch("a/b", "a*b"))
for pat in ["*.py", "a?c", "[abc]", "[!x-z]", "[]]", "[^a]", "a**b", "[", "x.y+z(1)", "[a-]", "[z-a]"]:
    print(repr(pat), fnmatch.translate(pat))
print(fnmatch.fnmatch("[", "["), fnmatch.fnmatch("x", "[z-a]"), fnmatch.fnmatch("\\", "[\\]"))
print(fnmatch.filter([], "*"), fnmatch.fnmatchcase("", "*"), fnmatch.fnmatchcase("", "?"))
