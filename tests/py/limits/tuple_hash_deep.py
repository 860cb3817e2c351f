# hash() of a tuple nested deeper than the recursion limit raises RecursionError
# (CPython 3.11 overflows its C stack here; the expected output is pvm's)
x = ()
for _ in range(200000):
    x = (x,)
try:
    hash(x)
    print("hashed")
except RecursionError as e:
    print(type(e).__name__, e)
# the failed hash cached nothing: a shallow tuple still hashes, and the deep one fails again
y = (1, (2, (3, "a")))
print(hash(y) == hash((1, (2, (3, "a")))))
try:
    {x: 1}
except RecursionError as e:
    print(type(e).__name__, e)
z = ()
for _ in range(500):
    z = (z, 1)
print(hash(z) == hash(z), len({z: 1}))
