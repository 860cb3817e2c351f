# A bare 'except:' that is not the last handler is a SyntaxError (raised while
# compiling, after errors in the code before it), with CPython's position.
srcs = [
    "try:\n  pass\nexcept:\n  pass\nexcept ValueError:\n  pass\n",
    "try:\n  pass\nexcept:\n  pass\nexcept:\n  pass\n",
    "try:\n  pass\nexcept:\n  pass\nexcept ValueError as e:\n  pass\nelse:\n  pass\nfinally:\n  pass\n",
    "def f():\n    try:\n        pass\n    except KeyError:\n        pass\n    except:\n        x = 1\n    except ValueError:\n        pass\n",
    "class C:\n  try:\n    pass\n  except:\n    pass\n  except E:\n    pass\n",
    "try:\n  break\nexcept:\n  pass\nexcept E:\n  pass\n",
    "try:\n  pass\nexcept:\n  break\nexcept E:\n  pass\n",
    "try:\n  pass\nexcept E:\n  pass\nexcept:\n  pass\n",
    "try:\n  pass\nexcept:\n  pass\nexcept E:\n  break\n",
]
for src in srcs:
    for mode in ("exec", "single"):
        if mode == "single" and src.startswith("def"):
            continue
        try:
            compile(src + ("\n" if mode == "single" else ""), "<s>", mode)
            print(mode, "compiled")
        except SyntaxError as e:
            print(mode, type(e).__name__, e, e.lineno, e.offset, e.end_lineno, e.end_offset)
try:
    exec(srcs[0])
except SyntaxError as e:
    print(type(e).__name__, e)
