# nested loops, multiplication table, loop over different iterables
for i in range(1, 5):
    row = []
    for j in range(1, 5):
        row.append(str(i * j).rjust(3))
    print("".join(row))
for ch in "abc":
    for n in (1, 2):
        print(ch * n, end=" ")
print()
for k in {"x": 1, "y": 2}:
    print(k)
for k, v in {"x": 1, "y": 2}.items():
    print(k, v)
for b in b"AB":
    print(b)
for t in ((1, 2), (3, 4)):
    print(sum(t))
count = 0
for a in range(5):
    for b in range(5):
        for c in range(5):
            if a + b + c == 6:
                count += 1
print(count)
for i in range(3, -1, -1):
    print(i, end=",")
print()
for _ in range(2):
    print("underscore loop")
