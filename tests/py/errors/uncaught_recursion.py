# uncaught exception deep in recursion: repeated frames are collapsed
def countdown(n):
    if n == 0:
        raise ValueError("reached zero")
    countdown(n - 1)
print("start")
try:
    countdown(5)
except ValueError as e:
    print("caught first:", e)
print("now uncaught with deep recursion")
countdown(50)
print("not reached")
