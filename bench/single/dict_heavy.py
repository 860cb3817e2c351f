# Dicts: insert, lookup, update, iteration with int and str keys.
def int_keys(n):
    d = {}
    for i in range(n):
        d[i * 7919 % 1000003] = i
    hits = 0
    for i in range(n * 2):
        if i in d:
            hits += d[i]
    for k in list(d.keys())[::3]:
        d[k] = d[k] + 1
    for k in list(d)[::5]:
        del d[k]
    s = 0
    for k, v in d.items():
        s += k ^ v
    return hits % 1000003, len(d), s % 1000003


def str_keys(n):
    d = {}
    for i in range(n):
        d["key" + str(i)] = i
    total = 0
    for i in range(0, n, 2):
        total += d.get("key" + str(i), 0)
        total += d.get("nokey" + str(i), 1)
    counts = {}
    for k in d:
        c = k[-1]
        counts[c] = counts.get(c, 0) + 1
    other = {("x" + str(i)): i for i in range(1000)}
    d.update(other)
    d.setdefault("key0", -1)
    total += sum(d.values()) % 1000003
    return total, len(d), sorted(counts.items())


def word_freq(n):
    words = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"]
    freq = {}
    for i in range(n):
        w = words[(i * i) % 8] + words[i % 7]
        if w in freq:
            freq[w] += 1
        else:
            freq[w] = 1
    return sorted(freq.items())[:3]


def main():
    r1 = int_keys(200000)
    r2 = str_keys(150000)
    r3 = word_freq(300000)
    return ("dict checksum", r1, r2[0], r2[1], r2[2][:3], r3)


for _rep in range(4):
    result = main()
print(*result)
