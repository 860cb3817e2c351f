# IndexError messages
cases = [
    lambda: [][0],
    lambda: [1, 2][2],
    lambda: [1, 2][-3],
    lambda: (1,)[1],
    lambda: ()[0],
    lambda: "ab"[2],
    lambda: ""[0],
    lambda: range(3)[3],
    lambda: b"ab"[5],
    lambda: [].pop(),
    lambda: [1].pop(3),
    lambda: [1].insert(0, 0) or [][1],
]
for c in cases:
    try:
        c()
    except IndexError as e:
        print(type(e).__name__, e)
lst = [1, 2, 3]
try:
    lst[3] = 4
except IndexError as e:
    print("assign:", e)
try:
    del lst[10]
except IndexError as e:
    print("del:", e)
print(lst[1:100], lst[-100:], "still fine")
try:
    lst[2 ** 70]
except IndexError as e:
    print("huge:", type(e).__name__, e)
