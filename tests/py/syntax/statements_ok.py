# valid syntax: semicolons, one-line compound statements, continuation, pass, global at top
a = 1; b = 2; print(a + b)
if a: print("one-line if")
for i in range(2): print("one-line for", i)
while False: pass
def f(): return "one-line def"
class C: x = 5
print(f(), C.x)
total = 1 + \
    2 + \
    3
print(total)
result = (1 +
          2 *
          3)
print(result)
def g(a,
      b=2,
      *args,
      **kwargs):
    return a, b, args, kwargs
print(g(1,
        3,
        4,
        k=5))
if (a == 1 and
        b == 2):
    print("multi-line condition")
x = [i for i in range(10)
     if i % 2
     if i > 3]
print(x)
del a; del b
print("a" in dir(), "b" in dir())
