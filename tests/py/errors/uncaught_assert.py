# uncaught AssertionError with message (3.11 prints carets under the assert test)
def check_sorted(lst):
    for a, b in zip(lst, lst[1:]):
        assert a <= b, f"list not sorted: {a} > {b}"
    return True
print(check_sorted([1, 2, 3]))
print(check_sorted([]))
print(check_sorted(["a", "b"]))
print(check_sorted([1, 3, 2]))
print("not reached")
print("never")
