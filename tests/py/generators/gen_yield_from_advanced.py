# yield from: send/throw/close delegation to subgenerators
def sub():
    try:
        while True:
            x = yield
            print("sub got", x)
            if x == "end":
                return "sub result"
    except ValueError as e:
        print("sub caught", e)
        yield "after throw"
        return "recovered"
    finally:
        print("sub finally")
def main():
    r = yield from sub()
    print("main got", r)
    yield "main continues"
m = main()
next(m)
m.send(1)
m.send(2)
print(m.send("end"))
m2 = main()
next(m2)
print(m2.throw(ValueError("boom")))
print(next(m2))
print(next(m2, "m2 exhausted"))
m3 = main()
next(m3)
m3.close()
print("m3 closed")
def subgen_iterable():
    yield from "ab"
    yield from range(2)
    yield from {"k": 1}
    r = yield from []
    yield r
print(list(subgen_iterable()))
def accumulate():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v
def gather(results):
    while True:
        t = yield from accumulate()
        results.append(t)
res = []
gg = gather(res)
next(gg)
for v in [1, 2, None, 5, 5, None]:
    gg.send(v)
print(res)
