# recursive generators: permutations, combinations, tree walks, powerset
def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        for rest in permutations(items[:i] + items[i + 1:]):
            yield [items[i]] + rest
print(["".join(p) for p in permutations("abc")])
print(sum(1 for _ in permutations(list(range(6)))))
def combinations(items, k):
    if k == 0:
        yield []
        return
    for i in range(len(items)):
        for rest in combinations(items[i + 1:], k - 1):
            yield [items[i]] + rest
print(list(combinations([1, 2, 3, 4], 2)))
print(len(list(combinations(list(range(10)), 4))))
def powerset(items):
    if not items:
        yield []
        return
    for sub in powerset(items[1:]):
        yield sub
        yield [items[0]] + sub
print(sorted(powerset([1, 2, 3]), key=lambda s: (len(s), s)))
tree = {"value": 1, "children": [
    {"value": 2, "children": [{"value": 4, "children": []}]},
    {"value": 3, "children": [{"value": 5, "children": []}, {"value": 6, "children": []}]},
]}
def preorder(node, depth=0):
    yield depth, node["value"]
    for child in node["children"]:
        yield from preorder(child, depth + 1)
for depth, value in preorder(tree):
    print("  " * depth + str(value))
def leaves(node):
    if not node["children"]:
        yield node["value"]
    for c in node["children"]:
        yield from leaves(c)
print(list(leaves(tree)))
def binary_strings(n):
    if n == 0:
        yield ""
    else:
        for s in binary_strings(n - 1):
            yield s + "0"
            yield s + "1"
print(list(binary_strings(3)))
