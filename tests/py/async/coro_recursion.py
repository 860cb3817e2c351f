# Deep await chains hit the recursion limit with RecursionError.


async def depth(n):
    if n == 0:
        return 0
    return 1 + await depth(n - 1)


def run(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value


print(run(depth(200)))
try:
    run(depth(5000))
except RecursionError as e:
    print(type(e).__name__, e)
print(run(depth(300)))
