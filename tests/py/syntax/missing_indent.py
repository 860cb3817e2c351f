# indentation error: expected an indented block
print("never runs")
def g():
return 5
