# When match statements release their subject and temporaries, seen through __del__.
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
match D(1):
    case D(n=1):
        print("body 1")
print("after 1")
match D(2):
    case D(n=5):
        print("no")
print("after 2")
match [D(3)]:
    case [x]:
        print("body 3")
print("after 3")
del x
print("after del x")
match D(4):
    case D(n=n) if n > 10:
        print("no")
    case D(n=n) as d:
        print("body 4")
del d
print("after 4")
def f():
    match D(5):
        case D(n=1):
            print("no")
        case _:
            print("body 5")
    print("f end")
f()
print("after 5")
