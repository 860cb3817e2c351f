# closures
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
print(add5(10), make_adder(-1)(1))
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner
    return middle()()
print(outer())
def late_binding():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late_binding())
def cell_update():
    v = 1
    def get():
        return v
    v = 2
    return get()
print(cell_update())
def acc():
    items = []
    def add(x):
        items.append(x)
        return items
    return add
a = acc()
a(1)
print(a(2))
print(add5.__closure__ is not None, len(add5.__closure__), add5.__closure__[0].cell_contents)
def shared():
    n = 0
    def inc():
        nonlocal n
        n += 1
    def get():
        return n
    return inc, get
inc, get = shared()
inc(); inc()
print(get())
