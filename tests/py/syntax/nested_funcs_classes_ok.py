# valid syntax: deeply nested defs/classes, decorators with complex expressions, annotations
def deco_factory(*a, **k):
    def deco(fn):
        fn.tags = (a, sorted(k))
        return fn
    return deco
handlers = {"x": deco_factory}
@handlers["x"](1, 2, name="n")
def annotated(a: int, b: "str" = "b", *args: float, c: list = None, **kw: dict) -> bool:
    return True
print(annotated(1), annotated.tags)
print(sorted(annotated.__annotations__))
class A:
    class B:
        class C:
            def deep(self):
                def deeper():
                    return "deepest"
                return deeper()
print(A.B.C().deep())
x: int = 5
y: list
print(x, "y" in dir())
def outer():
    class Local:
        def m(self):
            return type(self).__qualname__
    return Local().m()
print(outer())
print((lambda *, k=1: k)(), (lambda a, /, b: a + b)(1, 2))
