# CPython 3.11's tokenizer allows 200 nested brackets and rejects the 201st
# with "too many nested parentheses"; nested calls count once per call.


def attempt(label, src, mode="exec"):
    try:
        compile(src, "<nest>", mode)
        print(label, "ok")
    except SyntaxError as e:
        print(label, type(e).__name__, e, e.lineno, e.offset)
    except Exception as e:
        print(label, type(e).__name__, repr(str(e)))


shapes = [
    ("paren", "(", ")"),
    ("list", "[", "]"),
    ("set", "{", "}"),
    ("dict", "{1: ", "}"),
    ("tuple", "(", ", 1)"),
    ("call", "f(", ")"),
    ("kwcall", "f(a=", ")"),
    ("subscript", "x[", "]"),
    ("negated", "(-", ")"),
    ("attr", "(", ").a"),
    ("genexp", "(x for x in ", ")"),
]
for name, open_, close in shapes:
    for n in (100, 199, 200, 201, 1000):
        attempt("%s %d" % (name, n), open_ * n + "x" + close * n)


def f(x=0, a=0):
    return x + a + 1


for n in (100, 200):
    print("f nested", n, eval("f(" * n + "0" + ")" * n))
print("list nested", eval("[" * 200 + "]" * 200))
print("paren nested", eval("(" * 200 + "5" + ")" * 200))
