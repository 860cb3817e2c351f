# Threads match instances of fresh classes against sequence and mapping
# patterns while another thread registers classes with collections.abc's
# Sequence and Mapping (the match-time registry check and its per-thread
# cache, core/eval_match.c).  A class's answer never flips back once it is
# registered, and unregistered classes never match.
import collections.abc
import threading

N = 4
K = 400
errors = []


def kind(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
    return None


classes = [type("C%d" % i, (), {}) for i in range(200)]
registered = {}
lock = threading.Lock()


def registrar():
    for i, c in enumerate(classes):
        abc = collections.abc.Sequence if i % 2 else collections.abc.Mapping
        abc.register(c)
        with lock:
            registered[c] = "seq" if i % 2 else "map"


def matcher(k):
    plain = type("Plain%d" % k, (), {})
    for j in range(K):
        c = classes[(j * 7 + k) % len(classes)]
        with lock:
            want = registered.get(c)
        got = kind(c())
        if want is not None and got != want:
            errors.append((c.__name__, want, got))
        if kind(plain()) is not None:
            errors.append(("plain", got))
        sub = type("Sub", (c,), {})
        got2 = kind(sub())
        if want is not None and got2 != want:
            errors.append(("sub", c.__name__, want, got2))


threads = [threading.Thread(target=matcher, args=(k,)) for k in range(N)]
threads.append(threading.Thread(target=registrar))
for t in threads:
    t.start()
for t in threads:
    t.join()
for i, c in enumerate(classes):
    if kind(c()) != ("seq" if i % 2 else "map"):
        errors.append(("final", c.__name__))
assert not errors, errors[:5]
print("ok match_abc_registry")
