# sorting algorithm implementations checked against sorted()
def bubble_sort(a):
    a = list(a)
    n = len(a)
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swapped = True
        if not swapped:
            break
    return a

def insertion_sort(a):
    a = list(a)
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a

def merge_sort(a):
    if len(a) <= 1:
        return list(a)
    mid = len(a) // 2
    left, right = merge_sort(a[:mid]), merge_sort(a[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out

def quick_sort(a):
    if len(a) <= 1:
        return list(a)
    pivot = a[len(a) // 2]
    return (quick_sort([x for x in a if x < pivot]) + [x for x in a if x == pivot]
            + quick_sort([x for x in a if x > pivot]))

def heap_sort(a):
    a = list(a)
    n = len(a)
    def sift(start, end):
        root = start
        while 2 * root + 1 < end:
            child = 2 * root + 1
            if child + 1 < end and a[child] < a[child + 1]:
                child += 1
            if a[root] < a[child]:
                a[root], a[child] = a[child], a[root]
                root = child
            else:
                return
    for start in range(n // 2 - 1, -1, -1):
        sift(start, n)
    for end in range(n - 1, 0, -1):
        a[0], a[end] = a[end], a[0]
        sift(0, end)
    return a

def counting_sort(a):
    if not a:
        return []
    lo, hi = min(a), max(a)
    counts = [0] * (hi - lo + 1)
    for x in a:
        counts[x - lo] += 1
    out = []
    for i, c in enumerate(counts):
        out.extend([i + lo] * c)
    return out

def lcg(seed):
    while True:
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        yield seed

gen = lcg(42)
datasets = {
    "empty": [],
    "one": [5],
    "sorted": list(range(20)),
    "reversed": list(range(20, 0, -1)),
    "dups": [3, 1, 3, 1, 2, 2, 3, 1],
    "negatives": [5, -2, 0, -9, 7, -2],
    "random": [next(gen) % 1000 - 500 for _ in range(200)],
}
algos = [bubble_sort, insertion_sort, merge_sort, quick_sort, heap_sort, counting_sort]
for name, data in datasets.items():
    expected = sorted(data)
    results = [algo.__name__ for algo in algos if algo(data) != expected]
    print("%-9s n=%3d ok=%s %s" % (name, len(data), not results, expected[:8]))
words = "pear Apple fig banana apple Cherry date".split()
print(merge_sort(words), quick_sort(words), heap_sort(words))
records = [(next(gen) % 5, i) for i in range(15)]
print("stable merge:", merge_sort(records) == sorted(records))
print("stable builtin by key:", sorted(records, key=lambda r: r[0]))
sample = datasets["random"]
print(sample[:10], merge_sort(sample)[:10], merge_sort(sample)[-3:])
print(sum(sample), min(sample), max(sample))
