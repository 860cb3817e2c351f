# finally overriding return, and return in except
def f1():
    try:
        return "try"
    finally:
        return "finally"
def f2():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallows"
def f3():
    x = "before"
    try:
        return x
    finally:
        x = "after"
def f4():
    try:
        raise ValueError
    except ValueError:
        return "except"
    finally:
        print("f4 finally")
def f5():
    for i in range(3):
        try:
            return i
        finally:
            if i < 2:
                continue
    return "loop done"
def f6():
    lst = []
    try:
        return lst
    finally:
        lst.append("mutated in finally")
def f7():
    try:
        try:
            return "inner"
        finally:
            print("f7 inner finally")
    finally:
        print("f7 outer finally")
for f in (f1, f2, f3, f4, f5, f6, f7):
    print(f.__name__, f())
def f8():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print("f8 finally", i)
    return i
print(f8())
