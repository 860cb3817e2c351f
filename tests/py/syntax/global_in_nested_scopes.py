local_ns = {}
global_ns = {}
exec("""if 1:
    def f():
        y = 1
        def g():
            global y
            return y
        def h():
            return y + 1
        return g, h
    y = 9
    g, h = f()
    result9 = g()
    result2 = h()
    """, local_ns, global_ns)
print(global_ns["result2"], global_ns["result9"])
exec("""if 1:
    def test(x):
        class Foo:
            global x
            def __call__(self, y):
                return x + y
        return Foo()
    x = 0
    print(test(6)(2))
    x = -1
    print(test(3)(2))
    looked_up_by_load_name = False
    class X:
        locals()['looked_up_by_load_name'] = True
        passed = looked_up_by_load_name
    print(X.passed)
""")
