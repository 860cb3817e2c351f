# glob: *, ?, [], ** with recursive, hidden files, root_dir, escape,
# iglob, has_magic.  Works in a temporary directory, prints relative paths.
import glob
import os
import tempfile

d = tempfile.mkdtemp()
os.chdir(d)
for p in ["a.txt", "b.txt", "c.py", ".hidden.txt", "sub/d.txt", "sub/deep/e.txt", "sub/deep/f.py", "x[1].txt", "sub2/g.txt"]:
    os.makedirs(os.path.dirname(p) or ".", exist_ok=True)
    open(p, "w").close()
print(sorted(glob.glob("*.txt")))
print(sorted(glob.glob("?.*")), sorted(glob.glob("[ab].txt")), sorted(glob.glob("[!a]*.txt")))
print(sorted(glob.glob("**/*.txt", recursive=True)))
print(sorted(glob.glob("**/*.py", recursive=True)), sorted(glob.glob("**", recursive=True)))
print(sorted(glob.glob("sub*/*.txt")), sorted(glob.glob("*/")), sorted(glob.glob("sub/**/", recursive=True)))
print(sorted(glob.glob(".*")), glob.glob("x[1].txt"), glob.glob(glob.escape("x[1].txt")), glob.escape("a*b?[c]"))
print(sorted(glob.glob("*.txt", root_dir="sub")), sorted(glob.glob("**/*.py", root_dir="sub", recursive=True)))
print(sorted(glob.iglob("sub/*/*")), type(glob.iglob("*")).__name__)
print(glob.has_magic("a*"), glob.has_magic("abc"), glob.has_magic("[x]"), glob.glob("nomatch*"), glob.glob(""))
print(sorted(glob.glob(os.path.join(d, "*.py"))) == [os.path.join(d, "c.py")])
print(sorted(glob.glob(b"*.py")), sorted(glob.glob("sub/deep/[e-f].*")))
os.chdir("/")
import shutil
shutil.rmtree(d)
