# sys.audit / sys.addaudithook (events raised by Python code) and
# sys.is_finalizing, which the standard library calls at import time.
import sys

print(sys.audit("x", 1), sys.is_finalizing())
try:
    sys.audit()
except TypeError as e:
    print(type(e).__name__, e)
seen = []


def hook(event, args):
    if event.startswith("pvmtest."):
        seen.append((event, args))


sys.addaudithook(hook)
sys.audit("pvmtest.one", 1, "a")
sys.audit("pvmtest.two")
print(seen)
try:
    sys.audit(3)
except TypeError as e:
    print(type(e).__name__, e)
