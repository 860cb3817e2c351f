# RecursionError from unbounded recursion
import sys
print(sys.getrecursionlimit())
def unbounded(n):
    return unbounded(n + 1)
try:
    unbounded(0)
except RecursionError as e:
    print(type(e).__name__)
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RecursionError as e:
    print(type(e).__name__)
print(issubclass(RecursionError, RuntimeError))
def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1
print(depth(500))
try:
    unbounded(0)
except RecursionError:
    print("still works after recovering")
print(depth(800))
