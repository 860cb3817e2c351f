# generator pipelines
lines = ["# comment", "alpha 3", "", "beta 5", "gamma x", "delta 10", "# end"]
def non_blank(src):
    for line in src:
        if line.strip():
            yield line
def no_comments(src):
    return (l for l in src if not l.startswith("#"))
def parse(src):
    for l in src:
        name, _, val = l.partition(" ")
        try:
            yield name, int(val)
        except ValueError:
            print("skipping bad line:", repr(l))
pipeline = parse(no_comments(non_blank(lines)))
records = list(pipeline)
print(records)
print(sum(v for _, v in records), [n for n, _ in records])
def running_total(src):
    t = 0
    for x in src:
        t += x
        yield t
print(list(running_total(range(1, 11))))
def window(src, n):
    buf = []
    for x in src:
        buf.append(x)
        if len(buf) > n:
            buf.pop(0)
        if len(buf) == n:
            yield tuple(buf)
print(list(window("abcdef", 3)))
def batched(src, n):
    batch = []
    for x in src:
        batch.append(x)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch
print(list(batched(range(10), 4)))
