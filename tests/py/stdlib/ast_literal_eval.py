# ast.literal_eval: every literal form, and its errors.
import ast

for src in ["1", "-2", "+3", "1.5e3", "-0.0", "2j", "1+2j", "-1-2.5j", "'s'", "u'u'", "b'b'",
            "None", "True", "False", "...", "(1, 2)", "()", "(1,)", "[1, [2, [3]]]",
            "{'a': 1, 2: (3, 4)}", "{1, 2, 3}", "set()", "  42", "\t[1]", "0x10", "0o17",
            "0b101", "1_000_000", "10**2" if False else "100", "'a' 'b'", "{}", "[]"]:
    v = ast.literal_eval(src)
    print(repr(src), type(v).__name__, v)

print(ast.literal_eval(ast.parse("[1, -2]", mode="eval")))
print(ast.literal_eval(ast.Constant(5)))

for bad in ["x", "1 + x", "f(1)", "[i for i in x]", "{**d}", "a.b", "1 +", "2 * 3", "-'s'",
            "1 + 1", "'a' + 'b'", "(1, x)", "{1: y}", "set([1])", "lambda: 1", "--1",
            "1 if 2 else 3", "import os", "{[1]: 2}", "b'x' + b'y'", "1j + 1"]:
    try:
        print(repr(bad), ast.literal_eval(bad))
    except Exception as e:
        print(repr(bad), type(e).__name__, str(e).split(" at 0x")[0])

try:
    ast.literal_eval(ast.Name("x", ast.Load()))
except ValueError as e:
    print("ValueError", str(e).split(" at 0x")[0])
