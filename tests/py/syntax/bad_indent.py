# indentation error: unexpected indent
def f():
    return 1
print(f())
    print("unexpected indent")
