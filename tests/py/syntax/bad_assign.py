# syntax error: assignment to a literal
print("never runs")
def f():
    pass
1 = f()
