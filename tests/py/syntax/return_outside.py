# syntax error: 'return' outside function
print("never runs")
for i in range(3):
    print(i)
return i
