class BadMeta(type):
    @classmethod
    def __prepare__(*args):
        return None
try:
    class Foo(metaclass=BadMeta):
        pass
except TypeError as e:
    print(type(e).__name__, e)
class BadMeta2:
    @classmethod
    def __prepare__(*args):
        return 5
try:
    class Bar(metaclass=BadMeta2()):
        pass
except TypeError as e:
    print(type(e).__name__, e)
class ListMeta(type):
    @classmethod
    def __prepare__(*args):
        return []
try:
    class Baz(metaclass=ListMeta):
        x = 1
except Exception as e:
    print(type(e).__name__, e)
class G:
    def __getitem__(self, k): raise KeyError(k)
    def __setitem__(self, k, v): print('set', k)
class GMeta(type):
    @classmethod
    def __prepare__(*args):
        return G()
try:
    class Q(metaclass=GMeta):
        y = 2
except Exception as e:
    print(type(e).__name__, e)
