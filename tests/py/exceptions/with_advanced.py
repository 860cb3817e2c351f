# context manager details: __exit__ arguments, truthy return values, exceptions in __enter__
class Recorder:
    def __init__(self):
        self.log = []
    def __enter__(self):
        self.log.append("enter")
        return self
    def __exit__(self, t, v, tb):
        self.log.append(("exit", t.__name__ if t else None, str(v) if v else None, tb is not None))
        return "truthy string"
r = Recorder()
with r:
    raise ValueError("boom")
print(r.log)
class FailingEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("exit should not run")
try:
    with FailingEnter():
        print("body should not run")
except RuntimeError as e:
    print("caught", e)
class ExitRaises:
    def __enter__(self):
        return None
    def __exit__(self, *a):
        raise TypeError("exit raised")
try:
    with ExitRaises() as nothing:
        print("as None:", nothing)
        raise ValueError("original")
except TypeError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
class Resource:
    opened = 0
    def __enter__(self):
        Resource.opened += 1
        return self
    def __exit__(self, *a):
        Resource.opened -= 1
        return False
with Resource(), Resource(), Resource():
    print("open inside:", Resource.opened)
print("open after:", Resource.opened)
with (Resource() as a,
      Resource() as b):
    print(a is not b, Resource.opened)
