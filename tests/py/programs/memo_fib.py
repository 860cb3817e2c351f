# memoized fibonacci with a dict, plus other memoized recursions and DP tables
fib_cache = {0: 0, 1: 1}
calls = 0
def fib(n):
    global calls
    calls += 1
    if n in fib_cache:
        return fib_cache[n]
    fib_cache[n] = fib(n - 1) + fib(n - 2)
    return fib_cache[n]
print([fib(i) for i in range(20)])
print(fib(300))
print("calls:", calls, "cache size:", len(fib_cache))

def memoize(fn):
    cache = {}
    def wrapper(*args):
        if args not in cache:
            cache[args] = fn(*args)
        return cache[args]
    wrapper.cache = cache
    wrapper.__name__ = fn.__name__
    return wrapper

@memoize
def binom(n, k):
    if k == 0 or k == n:
        return 1
    return binom(n - 1, k - 1) + binom(n - 1, k)
print([binom(10, k) for k in range(11)])
print(binom(100, 50), len(binom.cache))

@memoize
def partitions(n, max_part):
    if n == 0:
        return 1
    if n < 0 or max_part == 0:
        return 0
    return partitions(n - max_part, max_part) + partitions(n, max_part - 1)
print([partitions(n, n) for n in range(1, 21)])
print(partitions(100, 100))

@memoize
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)
print(grid_paths(16, 16), grid_paths(30, 30))

def lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    out = []
    i, j = len(a), len(b)
    while i and j:
        if a[i - 1] == b[j - 1]:
            out.append(a[i - 1])
            i -= 1
            j -= 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return table[-1][-1], "".join(reversed(out))
print(lcs("AGGTAB", "GXTXAYB"), lcs("the quick brown fox", "a quick brown dog"))

def coin_change(coins, amount):
    ways = [1] + [0] * amount
    for c in coins:
        for v in range(c, amount + 1):
            ways[v] += ways[v - c]
    fewest = [0] + [None] * amount
    for v in range(1, amount + 1):
        options = [fewest[v - c] for c in coins if c <= v and fewest[v - c] is not None]
        fewest[v] = min(options) + 1 if options else None
    return ways[amount], fewest[amount]
print(coin_change([1, 2, 5, 10, 25, 50], 100), coin_change([3, 7], 11), coin_change([5], 3))

def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
print([edit_distance(x, y) for x, y in [("kitten", "sitting"), ("", "abc"), ("flaw", "lawn"), ("same", "same")]])
