# except*: type errors at run time and syntax errors
def check(label, f):
    try:
        f()
        print(label, "no error")
    except BaseException as e:
        print(label, type(e).__name__, e)
        if isinstance(e, BaseExceptionGroup):
            print("   ", repr(e.exceptions))
        if e.__context__ is not None:
            print("    context:", repr(e.__context__))

def star(exc, typ):
    def f():
        try:
            raise exc
        except* typ:
            print("caught")
    return f

check("ExceptionGroup", star(ValueError(), ExceptionGroup))
check("BaseExceptionGroup", star(ValueError(), BaseExceptionGroup))
check("tuple with group", star(ValueError(), (ValueError, ExceptionGroup)))
class MyEG(ExceptionGroup):
    pass
check("group subclass", star(ExceptionGroup("x", [ValueError()]), MyEG))
check("int", star(ValueError(), int))
check("instance", star(ValueError(), ValueError()))
check("tuple with int", star(ValueError(), (ValueError, 1)))
check("str", star(ValueError(), "ValueError"))

# the type of a later clause is checked even when everything already matched
def later():
    try:
        raise ValueError()
    except* ValueError:
        print("first clause")
    except* 42:
        print("not reached")
check("later bad type", later)

def type_expr_raises():
    try:
        raise ValueError()
    except* undefined_name:
        pass
check("type expression raises", type_expr_raises)

# SyntaxErrors
sources = [
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
    "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
    "try:\n    pass\nexcept*:\n    pass\n",
    "try:\n    pass\nexcept* ValueError, TypeError:\n    pass\n",
    "try:\n    pass\nexcept* ValueError\n    pass\n",
    "for x in y:\n    try:\n        pass\n    except* ValueError:\n        break\n",
    "for x in y:\n    try:\n        pass\n    except* ValueError:\n        continue\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1 + 2\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        if x:\n            return\n",
    "try:\n    pass\nexcept* ValueError:\n    break\n",
    "try:\n    pass\nexcept* ValueError:\n    try:\n        pass\n    finally:\n        continue\n",
    "def f():\n    for x in y:\n        try:\n            pass\n        except* ValueError:\n            for z in x:\n                break\n            return\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
    "try:\n    pass\nexcept *(ValueError, TypeError) as e:\n    pass\n",
    "def f():\n    try:\n        return 1\n    except* ValueError:\n        pass\n    finally:\n        pass\n",
    "try:\n    pass\nexcept* ValueError as e.x:\n    pass\n",
    "try:\n    pass\nexcept*\n",
]
for src in sources:
    try:
        compile(src, "<src>", "exec")
        print("compiles")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
