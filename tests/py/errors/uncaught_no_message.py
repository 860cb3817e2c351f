# uncaught exceptions without a message print just the class name
class Stop(Exception):
    pass
def run(steps):
    for s in steps:
        if s == "stop":
            raise Stop
        print("step", s)
run(["a", "b"])
print("second run")
run(["c", "stop", "d"])
print("not reached")
