# Chains of class instances linked through an attribute: in the instance
# __dict__, in a __slots__ member, and alternating with containers.
N = 1000000


class Plain:
    pass


class Slotted:
    __slots__ = ("next",)


class SlottedSub(Slotted):
    __slots__ = ("other",)


class Both:
    __slots__ = ("next", "__dict__")


def chain(kind):
    x = None
    for i in range(N):
        if kind == "__dict__":
            o = Plain()
            o.next = x
        elif kind == "__slots__":
            o = Slotted()
            o.next = x
        elif kind == "inherited __slots__":
            o = SlottedSub()
            if i % 2:
                o.next = x
            else:
                o.other = x
        elif kind == "__slots__ and __dict__":
            o = Both()
            if i % 2:
                o.next = x
            else:
                o.attr = x
        else:  # mixed with containers
            k = i % 4
            if k == 0:
                o = Slotted()
                o.next = x
            elif k == 1:
                o = [x]
            elif k == 2:
                o = Plain()
                o.a = x
            else:
                o = (x, i)
        x = o
    return x


for kind in ["__dict__", "__slots__", "inherited __slots__", "__slots__ and __dict__", "mixed"]:
    x = chain(kind)
    print("built", kind, type(x).__name__)
    del x
    print("dropped", kind)
print("done")
