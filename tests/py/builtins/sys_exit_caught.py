# sys.exit raises SystemExit which can be caught
import sys
try:
    sys.exit()
except SystemExit as e:
    print("caught", type(e).__name__, e.code, e.args)
try:
    sys.exit(5)
except SystemExit as e:
    print("caught", e.code, repr(e))
try:
    sys.exit("msg")
except SystemExit as e:
    print("caught", repr(e.code))
try:
    raise SystemExit(7)
except SystemExit as e:
    print("caught raise", e.code)
try:
    sys.exit(0)
except Exception:
    print("not caught by Exception")
except BaseException as e:
    print("caught by BaseException", e.code)
def f():
    try:
        sys.exit(1)
    finally:
        print("finally runs on exit")
try:
    f()
except SystemExit as e:
    print("exit code", e.code)
print("still running")
