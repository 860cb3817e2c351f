# sys.exit(3): output so far is kept, exit status 3, no traceback
import sys
print("before exit")
sys.stdout.flush()
def finish(code):
    try:
        sys.exit(code)
    finally:
        print("finally before exit")
for i in range(3):
    print("iteration", i)
finish(3)
print("not reached")
