# default arguments and the mutable default gotcha
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct
print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"), greet(greeting="Yo", name="Di"))
def append_to(x, lst=[]):
    lst.append(x)
    return lst
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
def safe_append(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
print(safe_append(1), safe_append(2))
counter = 10
def uses_default(v=counter):
    return v
counter = 20
print(uses_default(), counter)
def many(a, b=2, *args, c=3, d, **kw):
    return (a, b, args, c, d, kw)
print(many(1, d=4), many(1, 5, 6, 7, d=8, e=9), many(a=0, d=0, c=1))
print(greet.__defaults__, many.__kwdefaults__, append_to.__defaults__)
def f(x=[0]):
    x[0] += 1
    return x[0]
print(f(), f(), f([10]), f())
