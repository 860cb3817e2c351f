# exceptions raised inside except/finally handlers (caught)
def f():
    try:
        raise ValueError("original")
    except ValueError:
        raise TypeError("from handler")
try:
    f()
except TypeError as e:
    print(type(e).__name__, e, "| context:", type(e.__context__).__name__, e.__context__)
def g():
    try:
        raise KeyError("k")
    finally:
        raise RuntimeError("from finally")
try:
    g()
except RuntimeError as e:
    print(type(e).__name__, e, "| context:", repr(e.__context__))
def h():
    try:
        return "value"
    finally:
        try:
            raise IndexError("inside finally, caught")
        except IndexError as e:
            print("handled", e)
print(h())
def chain3():
    try:
        try:
            raise ValueError("one")
        except ValueError:
            raise TypeError("two")
    except TypeError:
        raise KeyError("three")
try:
    chain3()
except KeyError as e:
    chain = []
    cur = e
    while cur is not None:
        chain.append("%s(%s)" % (type(cur).__name__, cur))
        cur = cur.__context__
    print(" <- ".join(chain))
