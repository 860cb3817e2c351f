# The order in which a dying object releases what it holds is the order
# their __del__ methods run in: the same as CPython's for each type.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def make_list():
    return [A("list 1"), A("list 2"), A("list 3")]


def make_tuple():
    return (A("tuple 1"), A("tuple 2"), A("tuple 3"))


def make_dict():
    return {"k1": A("dict v1"), "k2": A("dict v2")}


def make_instance():
    o = A("instance")
    o.a = A("attr a")
    o.b = A("attr b")
    return o


class S:
    __slots__ = ("a", "b", "__dict__")


class T(S):
    __slots__ = ("c",)


def make_slotted():
    t = T()
    t.c = A("slot c")
    t.b = A("slot b")
    t.a = A("slot a")
    t.d = A("dict d")
    return t


def make_exception():
    e = ValueError(A("args"))
    e.__context__ = ValueError(A("context"))
    e.__cause__ = ValueError(A("cause"))
    e.attr = A("exc dict")
    return e


def make_function():
    v = A("closure")

    def f(a=A("default"), *, k=A("kwdefault")):
        return v
    f.attr = A("function dict")
    return f


class M:
    def m(self):
        pass


def make_method():
    return M.m.__get__(A("self"))


def make_nested():
    return [(A("n1"), [A("n2"), A("n3")]), {"k": (A("n4"),)}, A("n5")]


for make in [make_list, make_tuple, make_dict, make_instance, make_slotted, make_exception,
             make_function, make_method, make_nested]:
    print(make.__name__)
    x = make()
    x = None
    print("-")
