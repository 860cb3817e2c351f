# Temporaries of a module-level (and class-body) statement die with the
# statement, as CPython pops them: operands of `is`/`==`, items of a dict
# display, a subscript's container, an attribute's owner.
import weakref


class W:
    def __init__(self, name):
        self.name = name
        self.attr = 1

    def __del__(self):
        print("del", self.name)


w = W("is-operand")
r = weakref.ref(w)
print(r() is w)
del w
print(r())
w = W("dict-item")
wd = weakref.WeakValueDictionary({"k": w})
del w
print(len(wd))
w = W("compare")
print(r() == w, [w][0].attr)
del w
print("after compare")
w = W("attr-owner")
x = w.attr
del w
print("after attr", x)


class Body:
    tmp = W("class-body")
    ref = weakref.ref(tmp)
    print(ref() is tmp)
    del tmp
    print("in body", ref())
