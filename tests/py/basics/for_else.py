# for loops with else, break, continue
for i in range(3):
    print(i)
else:
    print("done", i)
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")
for c in "hello":
    if c == "l":
        continue
    print(c, end="")
print()
for x in []:
    print("never")
else:
    print("empty else")
for i in range(10):
    if i == 3:
        break
else:
    print("no")
print("i after break", i)
for i, j in zip(range(3), range(10, 13)):
    pass
print(i, j)
total = 0
for row in [[1, 2], [3, 4], [5, 6]]:
    for v in row:
        if v % 2:
            continue
        total += v
print(total)
lst = [1, 2, 3]
for v in lst:
    if v == 1:
        lst.append(4)
print(lst)
