# itertools.product(..., repeat=0): one empty tuple, the iterables untouched
# (it used to store the pools past the shared empty tuple).
import itertools
print(list(itertools.product([1, 2], repeat=0)), list(itertools.product(repeat=0)), list(itertools.product([1], "ab", repeat=0)))
it = iter([1, 2, 3])
print(list(itertools.product(it, repeat=0)), list(it))
print(list(itertools.product("ab", repeat=2)))
