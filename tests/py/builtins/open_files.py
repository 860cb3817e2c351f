# open(): write, read back, readlines, iterate lines, with-blocks
path = "/tmp/pvm_test_open_files.txt"
f = open(path, "w")
n = f.write("first line\n")
f.write("second line\nthird")
f.close()
print(n, f.closed)
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(f.readlines())
with open(path) as f:
    for line in f:
        print("line:", repr(line))
with open(path, "r") as f:
    print(repr(f.readline()), repr(f.readline()), repr(f.readline()), repr(f.readline()))
with open(path, "a") as f:
    f.write("\nappended ✓")
with open(path, encoding="utf-8") as f:
    text = f.read()
print(text.splitlines(), len(text))
with open(path, "rb") as f:
    data = f.read()
print(type(data).__name__, len(data), data[-5:])
with open(path, "wb") as f:
    f.write(b"bytes\x00data")
with open(path, "rb") as f:
    print(f.read())
with open(path, "w") as f:
    print("via print", 1, 2, file=f)
    f.writelines(["x\n", "y\n"])
print(open(path).read().split("\n"))
try:
    open("/tmp/pvm_test_definitely_missing_dir/file.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, isinstance(e, OSError))
