# loop variables at module scope, shadowing builtins, rebinding
for i in range(3):
    pass
print(i)
for i in []:
    pass
print(i)
x = [1, 2, 3]
for x_item in x:
    x_item *= 2
print(x)
for idx in range(len(x)):
    x[idx] *= 2
print(x)
list_ = list
def list(*a):
    return "shadowed list"
print(list(), list_("ab"))
del list
print(list("ab"))
len_backup = len
len = lambda obj: 42
print(len([1]))
del len
print(len([1]))
total = 0
for n in range(5):
    total += n
else:
    total *= 10
print(total, n)
k = 0
while k < 3:
    k += 1
print(k)
[a, b] = [10, 20]
for a in range(2):
    b += a
print(a, b)
