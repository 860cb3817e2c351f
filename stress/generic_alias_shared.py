# Threads share GenericAlias objects: the lazily computed __parameters__
# (published once, every thread sees the same tuple), substitution, and the
# one-shot iterator of *alias (exactly one thread gets the starred alias).
import threading
from typing import TypeVar

T = TypeVar("T")
S = TypeVar("S")
N = 4
ROUNDS = 300
errors = []
barrier = threading.Barrier(N)
shared = [None]
seen = [[] for _ in range(N)]
got = [[] for _ in range(N)]


def worker(k):
    try:
        for r in range(ROUNDS):
            if k == 0:
                shared[0] = (dict[T, list[S]], iter(tuple[int, str]))
            barrier.wait()
            alias, it = shared[0]
            p = alias.__parameters__
            seen[k].append(id(p))
            if p != (T, S):
                errors.append(("params", p))
            if alias[int, str] != dict[int, list[str]]:
                errors.append(("subst", alias[int, str]))
            if hash(alias) != hash(dict[T, list[S]]):
                errors.append("hash")
            v = next(it, None)
            if v is not None:
                got[k].append(r)
                if not v.__unpacked__ or v.__args__ != (int, str):
                    errors.append(("star", v))
            barrier.wait()
            if k == 0:
                ids = {seen[j][-1] for j in range(N)}
                if len(ids) != 1:
                    errors.append(("ids", len(ids)))
                winners = sum(1 for j in range(N) if got[j] and got[j][-1] == r)
                if winners != 1:
                    errors.append(("winners", winners))
            barrier.wait()
    except Exception as e:
        errors.append(repr(e))
        barrier.abort()


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if errors:
    print("errors", errors[:5])
else:
    print("ok generic_alias_shared")
