# match, case and _ stay ordinary names outside match statements.

match = 1
case = 2
_ = 3
print(match, case, _)

def match(*args):
    return "called match%r" % (args,)
print(match(1, 2))
print(match (3))

match = [10, 20, 30]
print(match[1])
match[0] = 11
print(match)
match[1:2] = [0]
print(match)

class case:
    x = 5
print(case.x)
case.y = 6
print(case.y)

match: int = 7
print(match)
match, case = 1, 2
print(match, case)
match -= 1
print(match)
print(match * 2, -match)
match = {"case": 1}
print(match["case"])
for match in range(2):
    print("loop", match)
match = 4
match -match
match(1) if False else None

def f(match, case=1):
    return match + case
print(f(match=2, case=3))
print([match for match in range(3)])
_ = lambda match: match
print(_(9))

# a match statement whose subject and patterns use the soft keywords as names
match = 3
case = 4
match match:
    case case if case == 3:
        print("case bound to", case)
match (case, match):
    case (match, case):
        print("swapped", match, case)
_ = 5
match _:
    case _:
        print("wildcard, _ still", _)
match [1, 2]:
    case [match, case]:
        print(match, case)
