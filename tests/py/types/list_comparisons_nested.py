# nested lists: copying, identity, mutation through aliases
a = [[1, 2], [3, 4]]
b = a[:]
b[0].append(99)
b[1] = "replaced"
print(a, b)
c = [row[:] for row in a]
c[0].append(100)
print(a, c)
print(a[0] is b[0], a is b, a == a[:])
m = [[i * 3 + j for j in range(3)] for i in range(3)]
print(m)
print([list(col) for col in zip(*m)])
print([m[i][i] for i in range(3)], sum(sum(r) for r in m))
flat = []
for row in m:
    flat.extend(row)
print(flat)
stack = []
for i in range(4):
    stack.append(i)
print(stack.pop(), stack.pop(), stack)
queue = [1, 2, 3]
queue.append(queue.pop(0))
print(queue)
x = [3, [1, [4, [1, [5]]]]]
depth = 0
cur = x
while isinstance(cur, list) and len(cur) > 1:
    depth += 1
    cur = cur[1]
print(depth, cur)
print([[]] * 3, [[] for _ in range(3)], [[1, 2]] * 2 == [[1, 2], [1, 2]])
