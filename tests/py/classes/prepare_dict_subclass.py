# A class body runs in the namespace a metaclass's __prepare__ returns: a
# dict subclass's own __getitem__/__setitem__/__delitem__ are used for the
# body's names, as enum's _EnumDict needs.
class NS(dict):
    def __setitem__(self, k, v):
        print("set", k)
        super().__setitem__(k, v)

    def __getitem__(self, k):
        print("get", k)
        return super().__getitem__(k)

    def __delitem__(self, k):
        print("del", k)
        super().__delitem__(k)


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return NS()


class C(metaclass=Meta):
    x = 1
    y = x + 1
    z = 3
    del z
    print(len)

print(C.y, hasattr(C, "z"))


class Missing(dict):
    def __missing__(self, k):
        return "missing:" + k


class M2(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return Missing()


class C2(metaclass=M2):
    a = undefined_name

print(C2.a)
