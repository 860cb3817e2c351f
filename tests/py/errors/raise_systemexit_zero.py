# raise SystemExit(0): clean exit with status 0
print("start")
def work():
    for i in range(5):
        if i == 3:
            print("stopping at", i)
            raise SystemExit(0)
        print("working", i)
work()
print("not reached")
print("also not reached")
