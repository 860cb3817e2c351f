# Captured names in every scope: module, function (locals and definite assignment),
# class bodies, closures, globals and nonlocals; match inside loops and generators.

match (1, 2):
    case (a, b):
        pass
print("module", a, b)

def func(v):
    match v:
        case [x, *_]:
            pass
        case {"k": x}:
            pass
        case x:
            pass
    return x
print(func([1, 2]), func({"k": 3}), func(4))

def maybe(v):
    match v:
        case [y]:
            pass
    try:
        return y
    except UnboundLocalError as e:
        return "%s: %s" % (type(e).__name__, e)
print(maybe([5]), maybe(6))

class C:
    match {"a": 1}:
        case {"a": attr}:
            pass
print("class attr", C.attr)

g = None
def set_global(v):
    global g
    match v:
        case [g]:
            pass
set_global([42])
print("global", g)

def outer():
    n = 0
    def inner(v):
        nonlocal n
        match v:
            case int(n):
                pass
    inner(7)
    return n
print("nonlocal", outer())

def closure(v):
    match v:
        case (p, q):
            return lambda: p + q
print("closure", closure((2, 3))())

def loop(items):
    out = []
    for it in items:
        match it:
            case 0:
                continue
            case "stop":
                break
            case [k, v]:
                out.append((k, v))
            case other:
                out.append(other)
    else:
        out.append("no break")
    return out
print(loop([1, 0, ["a", 1], 2]))
print(loop([1, "stop", 2]))

def gen(items):
    for it in items:
        match it:
            case int(i):
                yield i * 10
            case str(s):
                yield s.upper()
print(list(gen([1, "a", 2.5, 3])))

def returns(v):
    match v:
        case 1:
            return "one"
        case _:
            return "other"
print(returns(1), returns(2))

def in_try(v):
    try:
        match v:
            case [x]:
                raise ValueError(x)
            case _:
                return "no raise"
    except ValueError as e:
        return "caught %s" % e
    finally:
        print("finally")
print(in_try([1]), in_try(2))

def del_in_case(v):
    x = 1
    match v:
        case 1:
            del x
        case _:
            pass
    try:
        return x
    except UnboundLocalError:
        return "deleted"
print(del_in_case(1), del_in_case(2))

def nested_match(v):
    match v:
        case [a, b]:
            match b:
                case [c, *_]:
                    return ("nested", a, c)
                case _:
                    return ("flat", a, b)
    return None
print(nested_match([1, [2, 3]]), nested_match([1, 2]), nested_match(3))
