# return statements
def none_implicit():
    pass
def none_explicit():
    return
def early(x):
    if x < 0:
        return "negative"
    for i in range(10):
        if i == x:
            return "found %d" % i
    return "not found"
def multi():
    return 1, [2], "three"
print(none_implicit(), none_explicit(), early(-1), early(3), early(50))
a, b, c = multi()
print(a, b, c, multi())
def returns_func():
    def inner():
        return "inner result"
    return inner
print(returns_func()())
def loop_return():
    while True:
        for x in range(100):
            if x * x > 50:
                return x
print(loop_return())
def nested_try():
    try:
        return "from try"
    finally:
        print("finally runs before return")
print(nested_try())
def gen_vs_func(flag):
    if flag:
        return [1, 2]
    return (3, 4)
print(gen_vs_func(True), gen_vs_func(False))
def returns_self_ref():
    d = {}
    d["me"] = d
    return d
print(returns_self_ref())
