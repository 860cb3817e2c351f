# uncaught ValueError raised inside nested function calls
# (every frame's line is a whole statement, so CPython 3.11 prints no carets)
def check(text):
    if not text.isdigit():
        raise ValueError("invalid number: " + repr(text))
def load(items):
    for item in items:
        check(item)
    print("loaded", items)
def main():
    load(["1", "2", "3"])
    print("loading bad data")
    load(["4", "five"])
    print("not reached")
print("start")
main()
print("not reached")
