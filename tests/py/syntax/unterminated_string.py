# syntax error: unterminated string literal
print("never runs")
s = "this string never ends
print(s)
