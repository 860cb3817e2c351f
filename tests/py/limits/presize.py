# Containers built from an iterable are sized from its length first, as in
# CPython: an absurd length is a MemoryError at once, not after filling
# memory; bad __len__/__length_hint__ results raise CPython's errors.
def t(label, f):
    try:
        r = f()
        print(label, "ok", len(r))
    except Exception as e:
        print(label, type(e).__name__, e)

class Hint:
    def __init__(self, hint, n=3):
        self.hint, self.n = hint, n
    def __iter__(self):
        return iter(range(self.n))
    def __length_hint__(self):
        if isinstance(self.hint, BaseException):
            raise self.hint
        return self.hint

class Len:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(3))
    def __len__(self):
        return self.n

for n in (2**62, 2**40, 2**63 - 1):
    t("list range %d" % n, lambda: list(range(n)))
    t("tuple range %d" % n, lambda: tuple(range(n)))
    t("bytes range %d" % n, lambda: bytes(range(n)))
    t("list iter range %d" % n, lambda: list(iter(range(n))))
    if n < 2**63 - 1:  # CPython ignores a hint that overflows the sum and runs out of memory
        t("extend range %d" % n, lambda: [1, 2].extend(range(n)))
    t("sorted range %d" % n, lambda: sorted(range(n, 0, -1)))
    t("join range %d" % n, lambda: ",".join(range(n)))
    t("list hint %d" % n, lambda: list(Hint(n)))
    t("tuple hint %d" % n, lambda: tuple(Hint(n)))
    t("bytes hint %d" % n, lambda: bytes(Hint(n)))
t("list range 2**64", lambda: list(range(2**64)))
t("tuple range 2**64", lambda: tuple(range(2**64)))
t("list hint 2**63", lambda: list(Hint(2**63)))
t("list hint -1", lambda: list(Hint(-1)))
t("bytes hint -1", lambda: bytes(Hint(-1)))
t("list hint float", lambda: list(Hint(1.5)))
t("list hint NotImplemented", lambda: list(Hint(NotImplemented)))
t("list hint TypeError", lambda: list(Hint(TypeError("no"))))
t("list hint ValueError", lambda: list(Hint(ValueError("bad hint"))))
t("list hint small", lambda: list(Hint(1, 100)))
t("list hint zero", lambda: list(Hint(0, 5)))
t("list len 2**62", lambda: list(Len(2**62)))
t("list len 2**63", lambda: list(Len(2**63)))
t("list len -1", lambda: list(Len(-1)))
t("list len 5", lambda: list(Len(5)))
t("tuple len 2**62", lambda: tuple(Len(2**62)))
t("bytes len 2**62", lambda: bytes(Len(2**62)))
l = [1]
t("extend hint", lambda: l.extend(Hint(2**62)) or l)
t("after", lambda: l)
