# deep recursion with the limit raised: must either succeed or raise RecursionError
import sys
sys.setrecursionlimit(110000)
print(sys.getrecursionlimit())
def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1
try:
    r = depth(100000)
    ok = r == 100000
except RecursionError:
    ok = True
print("ok" if ok else "bad")
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
try:
    depth(5000)
    print("no error")
except RecursionError as e:
    print(type(e).__name__)
print("finished")
