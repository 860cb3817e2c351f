# `nonlocal x` in a class body nested in a function rebinds the function's x
# (STORE_DEREF / DELETE_DEREF), and the class namespace gets no x.
def f():
    x = 1
    class C:
        nonlocal x
        print("in class sees", x)
        x = 5
        y = x + 1
    print(x, C.y, hasattr(C, "x"))
    class D:
        nonlocal x
        x += 10
        del x
    try:
        print(x)
    except NameError as e:
        print(type(e).__name__, e)
    def g():
        return x
    class E:
        nonlocal x
        x = "e"
    print(g())
f()
def k():
    v = 1
    class C:
        v = 2
        def m(self): return v
    return C().m(), C.v
print(k())
def f():
    x = 1
    class C:
        nonlocal x
        x = 2
        def m(self): return x
        y = [x for _ in range(2)]
        z = (lambda: x)()
    return C().m(), x, C.y, C.z
print(f())
def g():
    x = 1
    def h():
        class C:
            nonlocal x
            x += 100
            __qualname__ = "renamed"
        return C
    return h().__qualname__, x
print(g())
