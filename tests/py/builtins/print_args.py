# print with sep, end, file, flush
import sys
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ", end=".\n")
print("no newline", end="")
print(" <- continued")
print()
print(1, 2.5, None, True, [1], sep="|")
print("x", end="")
print("y", end="\n")
print(*range(5), sep=" -> ")
print(sep="ignored")
print("to stdout", file=sys.stdout)
print("flushed", flush=True)
print("multi", "end", end="!\n", sep="_")
print("tab\tseparated", "values", sep="\t")
print("", end="")
print("sep None", "works", sep=None, end=None)
try:
    print("x", sep=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print("x", end=[])
except TypeError as e:
    print(type(e).__name__, e)
