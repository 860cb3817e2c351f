# open(): line iteration patterns, seek-free rereads, write/read numbers
path = "/tmp/pvm_test_open_lines.txt"
with open(path, "w") as f:
    for i in range(1, 6):
        f.write("%d,%s,%d\n" % (i, "item" + str(i), i * i))
with open(path) as f:
    header = f.readline()
    rest = f.read()
print(repr(header), rest.count("\n"))
rows = []
with open(path) as f:
    for line in f:
        idx, name, sq = line.rstrip("\n").split(",")
        rows.append((int(idx), name, int(sq)))
print(rows)
print(sum(r[2] for r in rows))
with open(path) as f:
    lines = [l.strip() for l in f if int(l.split(",")[0]) % 2]
print(lines)
f = open(path)
print(f.read(5), repr(f.read(3)), f.readline().strip())
f.close()
try:
    f.read()
except ValueError as e:
    print(type(e).__name__, e)
with open(path, "w") as f:
    f.write("")
with open(path) as f:
    print(repr(f.read()), f.readlines())
with open(path, "w") as f:
    f.write("no trailing newline")
with open(path) as f:
    print(list(f))
