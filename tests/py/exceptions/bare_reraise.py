# re-raise with bare raise
def inner():
    raise ValueError("original")
def middle():
    try:
        inner()
    except ValueError:
        print("middle saw it, re-raising")
        raise
try:
    middle()
except ValueError as e:
    print("outer got", e)
def handler():
    try:
        raise KeyError("first")
    except KeyError as e:
        try:
            raise TypeError("second")
        except TypeError:
            pass
        raise
try:
    handler()
except KeyError as e:
    print("bare raise kept", type(e).__name__, e)
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)
def rethrow_modified():
    try:
        int("x")
    except ValueError as e:
        e.args = ("modified",)
        raise
try:
    rethrow_modified()
except ValueError as e:
    print(e)
try:
    try:
        raise ValueError("a")
    except ValueError as e:
        raise e
except ValueError as e2:
    print("raise e:", e2)
