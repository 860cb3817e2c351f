# assert statements
assert True
assert 1 == 1, "not shown"
try:
    assert False
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)
try:
    assert 1 > 2, "one is not greater than two"
except AssertionError as e:
    print(type(e).__name__, e)
try:
    x = [1, 2]
    assert len(x) == 3, "length was %d" % len(x)
except AssertionError as e:
    print(type(e).__name__, e)
try:
    assert [], ["list", "message"]
except AssertionError as e:
    print(e.args)
def check(v):
    assert isinstance(v, int), f"expected int, got {type(v).__name__}"
    return v * 2
for v in [3, "s", 2.5]:
    try:
        print(check(v))
    except AssertionError as e:
        print("AssertionError:", e)
calls = []
def msg():
    calls.append(1)
    return "m"
assert True, msg()
print(calls)
