# Non-ASCII identifiers are kept in NFKC form (PEP 3131), wherever a name
# appears: assignments, calls, keywords, attributes, parameters, classes,
# imports, globals, f-strings, match patterns, private-name mangling.
import ast

ﬁle = 3
print(file, "ﬁle" in globals(), "file" in globals())
ℌ = 5
print(H)
𝐱𝐲 = "bold"
print(xy)
ｆｕｌｌ = "width"
print(full)
Ⅸ = 9
print(IX)


def ƒunc(ⅰ=1, *ａｒｇｓ, ｋｗ=2, **ｋｗａｒｇｓ):
    return i, args, kw, kwargs


print(ƒunc.__name__, ƒunc.__code__.co_varnames, ƒunc(i=7, ｋｗ=8, ｅｘｔｒａ=1))


class Ｃｌａｓｓ:
    ﬀ = 1
    __ﬁ = 2

    def ｍ(self):
        return self.__fi, self.ｆｆ


print(Class.__name__, Class.ff, Class().m(), sorted(k for k in vars(Class) if "fi" in k))

import ｏｓ.ｐａｔｈ as ｐ
import ｏｓ
print(p is os.path)
from collections import ｄｅｑｕｅ as ｄ
print(d.__name__)


def ｇ():
    global ｇｌｏｂａｌ_ｖ
    ｇｌｏｂａｌ_ｖ = 1


ｇ()
print(global_v)
ｖａｌ = 42
print(f"{ｖａｌ} {val + 1} {ｖａｌ!r:>5}")
match (1, 2):
    case (ａ, ｂ):
        print(a, b)
print((lambda ｚ: z)(3))
print([ｑ for ｑ in range(3) if q])
try:
    ｕｎｄｅｆｉｎｅｄ
except NameError as e:
    print(type(e).__name__, e)
for src in ["ﬁ = ℌ.ﬀ", "def ƒ(ⅰ): pass", "import ｏｓ as ｐ", "𝐢𝐟 = 1", "x.𝐢𝐟", "ℌ(ｋ=1)"]:
    try:
        print(ast.dump(ast.parse(src)))
    except SyntaxError as e:
        print(type(e).__name__, e.msg)
code = compile("ｓ = 1\nprint(ｓ)", "<x>", "exec")
print(code.co_names)
exec(code)
print(eval("ℌ + ｓ"))
