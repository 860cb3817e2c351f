# bound and unbound methods, methods stored and called later
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, by=1):
        self.n += by
        return self.n
c = Counter()
bound = c.inc
print(bound(), bound(5), c.n)
unbound = Counter.inc
print(unbound(c), unbound(c, by=10))
other = Counter()
print(Counter.inc(other), other.n, c.n)
print(bound.__self__ is c, bound.__func__ is Counter.inc, bound.__name__)
print(c.inc == c.inc, c.inc == other.inc)
callbacks = [c.inc, other.inc, c.inc]
print([cb() for cb in callbacks])
ops = list(map(Counter.inc, [c, other]))
print(ops)
class Greeter:
    greeting = "Hello"
    def greet(self, name):
        return "%s, %s" % (self.greeting, name)
g = Greeter()
f = g.greet
Greeter.greeting = "Howdy"
print(f("Bo"))
g.greet = lambda name: "instance lambda " + name
print(g.greet("Cy"), Greeter.greet(g, "Di"))
def external(self):
    return "external for " + type(self).__name__
Greeter.ext = external
print(Greeter().ext(), g.ext())
print(str.upper("x"), "y".upper(), list.append.__name__)
