# The async_generator type is generic (PEP 585); generator is not.
import types


async def f():
    yield 1


def g():
    yield 1


ag = type(f())
print(ag[int], ag[int, str].__args__, types.AsyncGeneratorType[int].__origin__ is ag)
try:
    type(g())[int]
except TypeError as e:
    print(type(e).__name__, e)

# concurrent.futures.Future is generic too (PEP 585).
from concurrent.futures import Future

print(Future[int].__args__, Future[int].__origin__ is Future)
