# syntax error: two expressions with no operator
print("never runs")
a = 1
b = 2
c = a b
print(c)
