# A decimal int literal past the int <-> str digit limit is a SyntaxError at
# compile time (hexadecimal literals are not limited).
for src in ["1" * 5000, "x = 1\ny = -" + "1" * 4301, "0x" + "1" * 5000 + " > 0",
            "1_" * 4400 + "1", "1" * 4300 + " > 0", "f(" + "2" * 4400 + ")"]:
    try:
        code = compile(src, "<limits>", "eval" if "=" not in src else "exec")
        print("ok", type(code).__name__)
    except SyntaxError as e:
        print(type(e).__name__, e, e.lineno)
    except Exception as e:
        print(type(e).__name__, e)
try:
    eval("1" * 4301)
except SyntaxError as e:
    print(type(e).__name__, e)
