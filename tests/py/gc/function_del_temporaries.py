# Inside a function, an object read into a temporary by an earlier
# statement (an operand of `is`, a call result whose attribute was taken, a
# subscript) dies at `del name` as in CPython, where the value stack has
# already let go of it: the weakref callback runs and the weakref is dead.
import gc
import weakref


class Node:
    def __init__(self, tag):
        self.tag = tag


def attribute_of_call_result():
    died = []
    e = Node("e")
    wref = weakref.ref(e, lambda w: died.append("e"))
    print(wref().tag == "e", wref() is e)
    del e
    print(died, wref())


def subscript_operand():
    died = []
    table = {"k": Node("v")}
    wref = weakref.ref(table["k"], lambda w: died.append("v"))
    print(table["k"].tag, len(table))
    del table["k"]
    print(died, wref())


def in_a_loop():
    died = []
    refs = []
    for i in range(3):
        n = Node(i)
        refs.append(weakref.ref(n, lambda w, i=i: died.append(i)))
        print(refs[-1]() is n, n.tag)
        del n
    print(died, [r() for r in refs])


def cycle_after_del():
    a = Node("a")
    a.self = a
    wref = weakref.ref(a)
    print(wref() is a)
    del a
    gc.collect()
    print(wref())


attribute_of_call_result()
subscript_operand()
in_a_loop()
cycle_after_del()
