# sys.exit("message"): message goes to stderr, exit status 1
import sys
print("about to exit with a message", flush=True)
values = [3, 1, 2]
values.sort()
print(values, flush=True)
if values[0] == 1:
    sys.exit("fatal: first value was " + str(values[0]))
print("not reached")
print("not reached either")
print("still not reached")
