# Lists: append, indexing, slicing, sort, comprehensions.
def lcg(seed):
    return (seed * 1103515245 + 12345) & 0x7FFFFFFF


def main():
    checksum = 0
    seed = 42
    for rep in range(20):
        data = []
        for i in range(100000):
            seed = lcg(seed)
            data.append(seed % 100000)
        # indexing
        s = 0
        n = len(data)
        for i in range(0, n, 3):
            s += data[i] - data[n - 1 - i]
        # slicing
        half = data[: n // 2]
        rev = data[::-1]
        mid = data[1000:-1000:7]
        s += len(half) + rev[5] + sum(mid)
        # sort
        sdata = sorted(data)
        data.sort(reverse=True)
        s += sdata[n // 2] + data[10]
        # comprehensions
        sq = [x * x for x in sdata if x % 3 == 0]
        pairs = [(x, y) for x in range(60) for y in range(x) if (x + y) % 5 == 0]
        nested = [[i * j for j in range(30)] for i in range(30)]
        s += len(sq) + sq[-1] % 1000 + len(pairs) + nested[29][29]
        # insert/pop/extend/index/remove
        small = list(range(2000))
        for i in range(500):
            small.insert(i * 2, -i)
            small.pop()
        small.extend(small[:100])
        s += small.index(1000) + small.count(0)
        small.remove(0)
        s += len(small)
        # list of lists / swaps (bubble pass)
        arr = sdata[:2000:2]
        arr.reverse()
        for i in range(len(arr) - 1):
            if arr[i] > arr[i + 1]:
                arr[i], arr[i + 1] = arr[i + 1], arr[i]
        s += arr[-1]
        checksum = (checksum * 31 + s) % 1000000007
    print("list checksum", checksum)


main()
