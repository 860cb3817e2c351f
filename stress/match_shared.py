# Threads run match statements against a shared list, dict and instance while other
# threads mutate them: sequence, mapping (with **rest) and class patterns must see
# consistent values or fail cleanly, never crash.
import threading

shared_list = [0, 1]
shared_dict = {"a": 0}
N_MUT = 2
N_MATCH = 4
ROUNDS = 3000
errors = []
counts = [0] * N_MATCH


class Obj:
    __match_args__ = ("x", "y")


obj = Obj()
obj.x = 0
obj.y = 0


def mutate(k):
    for rnd in range(ROUNDS):
        if rnd % 2:
            shared_list.append(rnd)
            shared_dict["k%d" % (rnd % 7)] = rnd
            obj.x = rnd
        else:
            try:
                shared_list.pop()
            except IndexError:
                pass
            shared_dict.pop("k%d" % (rnd % 7), None)
            try:
                del obj.y
            except AttributeError:
                pass
            obj.y = k


def matcher(k):
    n = 0
    for rnd in range(ROUNDS):
        try:
            match shared_list:
                case [a, b, *rest]:
                    if not isinstance(rest, list):
                        errors.append(("rest", rest))
                    n += 1
                case [_] | []:
                    n += 1
        except ValueError:
            pass  # the list changed size between the length check and the unpacking
        match shared_dict:
            case {"a": 0, **rest}:
                if "a" in rest or not isinstance(rest, dict):
                    errors.append(("dict rest", sorted(rest)))
                n += 1
            case other:
                errors.append(("dict", other))
        match obj:
            case Obj(x, y) if not isinstance(x, int):
                errors.append(("obj", x, y))
            case Obj(x=int()):
                n += 1
            case Obj():
                n += 1
    counts[k] = n


ts = [threading.Thread(target=mutate, args=(k,)) for k in range(N_MUT)]
ts += [threading.Thread(target=matcher, args=(k,)) for k in range(N_MATCH)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not errors, errors[:3]
assert all(c > 0 for c in counts), counts
print("ok match_shared")
