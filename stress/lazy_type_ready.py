# Threads start together and make the first instances of built-in types
# that the runtime readies lazily (iterator and view types): every thread
# must see each type fully readied (its flags and inherited slots), and the
# results must be right.
import threading

K = 6
barrier = threading.Barrier(K)
bad = []


def work():
    barrier.wait()
    d = {"a": 1, "b": 2}
    r = [
        list(range(3)),
        list(reversed(range(3))),
        list(iter("ab")),
        list(iter(b"ab")),
        list(iter((1, 2))),
        list(reversed([1, 2])),
        list(d.keys()),
        list(d.values()),
        list(d.items()),
        list(reversed(d)),
        list(reversed(d.items())),
        sorted({1, 2}),
        list(enumerate("ab")),
        list(zip("ab", "cd")),
        list(map(abs, [-1])),
        list(filter(None, [0, 1])),
    ]
    want = [
        [0, 1, 2], [2, 1, 0], ["a", "b"], [97, 98], [1, 2], [2, 1], ["a", "b"], [1, 2],
        [("a", 1), ("b", 2)], ["b", "a"], [("b", 2), ("a", 1)], [1, 2],
        [(0, "a"), (1, "b")], [("a", "c"), ("b", "d")], [1], [1],
    ]
    if r != want:
        bad.append(r)


ts = [threading.Thread(target=work) for _ in range(K)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:1]
print("ok lazy_type_ready")
