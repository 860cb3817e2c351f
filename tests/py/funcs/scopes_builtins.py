# LEGB scope resolution
x = "global x"
def outer():
    x = "enclosing x"
    def inner():
        return x
    return inner()
print(outer())
def uses_builtin():
    return len("abcd")
print(uses_builtin())
def shadows_builtin():
    len = lambda s: "local len"
    return len("abcd")
print(shadows_builtin(), len("ab"))
def reads_global():
    return x
print(reads_global())
def class_scope_skip():
    y = "function y"
    class C:
        y = "class y"
        def m(self):
            return y
    return C().m(), C.y
print(class_scope_skip())
def comprehension_sees_enclosing():
    factor = 3
    return [factor * i for i in range(3)]
print(comprehension_sees_enclosing())
def loop_closure():
    fs = {}
    for name in ["a", "b"]:
        def f(n=name):
            return n
        fs[name] = f
    return [fs[k]() for k in sorted(fs)]
print(loop_closure())
def nested_nonlocal():
    counter = 0
    def a():
        def b():
            nonlocal counter
            counter += 1
        b()
        b()
    a()
    return counter
print(nested_nonlocal())
def global_in_nested():
    def setter():
        global x
        x = "changed globally"
    setter()
print(x)
global_in_nested()
print(x)
