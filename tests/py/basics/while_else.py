# while loops with else, break, continue
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("i", i)
else:
    print("while else ran")
j = 0
while True:
    j += 1
    if j > 3:
        break
print("j", j)
k = 0
while k < 10:
    if k == 4:
        print("breaking at", k)
        break
    k += 1
else:
    print("not printed")
n = 0
while n < 0:
    print("never")
else:
    print("else on zero iterations")
a, b = 0, 1
out = []
while b < 100:
    out.append(b)
    a, b = b, a + b
print(out)
x = 3
while x:
    x -= 1
    y = 0
    while y < 3:
        y += 1
        if y == 2:
            break
    print(x, y)
