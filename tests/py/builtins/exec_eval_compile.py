# exec / eval / compile: default namespaces, explicit dicts, code objects,
# __builtins__ insertion, errors.
x = 10


def f():
    y = 2
    print(eval("x + y"), sorted(locals()), sorted(vars()), dir())
    exec("print('exec sees', x, y)")


f()
print(eval(" 1 + 2"), eval("x * 2"), eval("a + b", {"a": 1}, {"b": 2}))
g = {}
exec("def h():\n    return 42\nv = h()", g)
print(g["v"], g["h"](), "__builtins__" in g, sorted(k for k in g if k != "__builtins__"))
loc = {}
exec("w = 5", {}, loc)
print(loc)
c = compile("q = 7\nprint('q is', q)", "<mycode>", "exec")
print(type(c).__name__, c.co_filename)
exec(c)
print(q)
print(eval(compile("3 * 3", "<e>", "eval")))
exec(b"print('from bytes')")
for bad in ["exec('x', [])", "exec('x', {}, 5)", "eval(5)", "exec(5)",
            "compile('x', 'f', 'bad')", "compile(1, 'f', 'exec')", "eval('x', 5)",
            "eval('1', None, 5)", "eval('1+')", "compile('1+', 'fname', 'eval')",
            "exec('raise KeyError(3)')", "eval('undefined_name_q')", "exec('a\\0')"]:
    try:
        eval(bad)
    except Exception as e:
        print(bad, "->", type(e).__name__, e)
ns = {"__builtins__": {"len": len}}
print(eval("len('abc')", ns))
try:
    eval("print('no')", ns)
except NameError as e:
    print(type(e).__name__, e)
