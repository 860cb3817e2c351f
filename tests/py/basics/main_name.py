# __name__ == "__main__" and module-level names
print(__name__)
if __name__ == "__main__":
    print("running as main")
else:
    print("imported")
def f():
    return __name__
print(f())
print(type(__builtins__).__name__ in ("module", "dict"))
g = globals()
print(type(g).__name__, "f" in g, g["__name__"])
x = 42
print(globals()["x"])
globals()["newvar"] = "created"
print(newvar)
def h():
    a = 1
    b = 2
    return sorted(locals().items())
print(h())
print(__doc__)
