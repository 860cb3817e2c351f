# Large objects made and dropped in a loop: a 1 MB bytes buffer grown by
# `buf += chunk` (what a recv loop does), a big list copied and sliced, and
# a long str joined.  Measures the allocator's reuse of large blocks.
def grow_bytes(rounds):
    total = 0
    chunk = b"x" * 16384
    for _ in range(rounds):
        buf = b""
        while len(buf) < 1 << 20:
            buf += chunk
        total += len(buf)
    return total


def big_lists(rounds):
    base = list(range(200000))
    total = 0
    for _ in range(rounds):
        copy = base[:]
        total += len(copy[1000:150000]) + copy[-1]
    return total


def long_strings(rounds):
    parts = ["abcdefgh"] * 100000
    total = 0
    for _ in range(rounds):
        total += len("".join(parts))
    return total


print(grow_bytes(40), big_lists(40), long_strings(40))
