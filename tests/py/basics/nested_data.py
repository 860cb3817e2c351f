# nested data structures: building, querying, transforming
inventory = {
    "fruits": [{"name": "apple", "qty": 5, "tags": ["red", "sweet"]},
               {"name": "lemon", "qty": 0, "tags": ["yellow", "sour"]}],
    "veg": [{"name": "carrot", "qty": 12, "tags": ["orange"]}],
}
print(inventory["fruits"][0]["tags"][1], inventory["veg"][-1]["name"])
in_stock = [item["name"] for items in inventory.values() for item in items if item["qty"]]
print(in_stock)
totals = {cat: sum(i["qty"] for i in items) for cat, items in inventory.items()}
print(totals)
all_tags = sorted({t for items in inventory.values() for i in items for t in i["tags"]})
print(all_tags)
inventory["fruits"].append({"name": "fig", "qty": 3, "tags": []})
inventory["fruits"][1]["qty"] += 4
print([(i["name"], i["qty"]) for i in inventory["fruits"]])
by_name = {i["name"]: i for items in inventory.values() for i in items}
by_name["carrot"]["tags"].append("crunchy")
print(inventory["veg"][0]["tags"])
grid = [[(r, c) for c in range(3)] for r in range(2)]
print(grid, grid[1][2], [cell for row in grid for cell in row if sum(cell) == 2])
tree = ("root", [("a", [("a1", []), ("a2", [])]), ("b", [])])
def count_nodes(node):
    return 1 + sum(count_nodes(ch) for ch in node[1])
def names(node, prefix=""):
    path = prefix + "/" + node[0]
    out = [path]
    for ch in node[1]:
        out.extend(names(ch, path))
    return out
print(count_nodes(tree), names(tree))
matrix = {(r, c): r * c for r in range(3) for c in range(3)}
print(max(matrix, key=matrix.get), sorted(k for k, v in matrix.items() if v == 2))
