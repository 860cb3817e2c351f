# sys module basics
import sys
print(len(sys.argv) >= 1, type(sys.argv).__name__, type(sys.argv[0]).__name__)
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1)
print(sys.version_info >= (3, 0), sys.version_info[0], sys.version_info.major)
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(1000)
print(type(sys.stdout.write).__name__ in ("builtin_function_or_method", "method", "function"))
r = sys.stdout.write("written directly\n")
print(r)
sys.stdout.write("a")
sys.stdout.write("b\n")
print(sys.byteorder in ("little", "big"), type(sys.platform).__name__)
print(sys.stdin is not None, sys.stderr is not None)
print(isinstance(sys.modules, dict), "sys" in sys.modules)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(type(e).__name__, e)
print(type(sys.exit).__name__ in ("builtin_function_or_method", "function"))
