# nonlocal and global
g = 1
def read_global():
    return g
def write_global():
    global g
    g += 10
print(read_global())
write_global()
print(g, read_global())
def create_global():
    global brand_new
    brand_new = "made inside"
create_global()
print(brand_new)
def shadow():
    g = "local"
    return g
print(shadow(), g)
def unbound():
    try:
        print(g)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    g = 5
unbound()
def outer():
    x = 1
    def mid():
        nonlocal x
        x += 1
        def inner():
            nonlocal x
            x *= 10
        inner()
    mid()
    return x
print(outer())
def loops():
    total = 0
    def add(n):
        nonlocal total
        total += n
    for i in range(5):
        add(i)
    return total
print(loops())
x = "module"
def f():
    x = "f"
    def g():
        global x
        return x
    return g()
print(f())
