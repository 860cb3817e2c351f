# Call ** merging reports a repeated key before a non-str one (any key type),
# the call refuses non-str keys; a starred assignment with 256 or more
# targets before the star is a SyntaxError.
def f(*a, **k): return k
for src in ["f(**{1: 3}, **{1: 5})", "f(**{1: 3})", "f(**{'a': 1}, **{2: 2})", "f(**{'a': 1}, **{'a': 2})", "f(a=1, **{'a': 2})", "f(**{(1,2): 3}, **{(1,2): 5})", "print(**{1: 2})", "dict(**{1: 2})", "f(**{'b': 1}, **{1: 2}, **{1: 3})"]:
    try: print(eval(src))
    except Exception as e: print(src, type(e).__name__, e)
for src in ["class A(**{1: 2}): pass", "class A(metaclass=type, **{1: 2}): pass", "class A(**{'x': 1}, **{1: 2}): pass", "(lambda **k: k)(**{1: 2})", "sorted([], **{1: 2})", "type('A', (), {}, **{1: 2})", "print(*[1], **{1: 2})"]:
    try: exec(src); print('ok')
    except Exception as e: print(src, type(e).__name__, e)
for n in (255, 256, 257):
    s = ", ".join("a%d" % i for i in range(n)) + ", *rest = range(%d)" % (n + 1)
    try:
        compile(s, 'test', 'exec'); print(n, 'ok')
    except SyntaxError as e:
        print(n, type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
s = "x = 1\n[" + ", ".join("a%d" % i for i in range(300)) + ", *rest] = range(301)"
try: compile(s, 'test', 'exec')
except SyntaxError as e: print(type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
ns = {}
exec(", ".join("a%d" % i for i in range(255)) + ", *rest, z = range(300)", ns)
print(ns['a254'], ns['rest'], ns['z'])
