# A display with unpacking assigned to a name it unpacks: the name is read
# before it is rebound (the compiler used to build into its register).
def d1(a, e):
    a = {**a, **e}
    return a
def d2(a):
    a = {**a}
    return a
def d3(a):
    a = {'x': 1, **a, 'y': a}
    return sorted(a)
def l1(a):
    a = [*a, 1, *a]
    return a
def s1(a):
    a = {*a, 1}
    return sorted(a)
def t1(a):
    a = (*a, 1)
    return a
def sub(parent, tag, attrib={}, **extra):
    attrib = {**attrib, **extra}
    return attrib
print(d1({'k': 1}, {'j': 2}), d2({'k': 1}), d3({'k': 1}))
print(l1([5]), s1([5]), t1([5]))
print(sub(None, 't', attrib={'key1': 'v'}), sub(None, 't', {'a': 1}, b=2))
