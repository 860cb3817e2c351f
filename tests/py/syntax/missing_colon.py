# syntax error: missing colon after if
x = 1
print("this line is never executed")
if x == 1
    print("one")
