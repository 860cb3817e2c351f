# sets of small ints and sorted output for strings
s = {3, 1, 2, 3, 1}
print(s, len(s))
s.add(5); s.add(1)
print(s)
s.discard(2); s.discard(99)
print(s)
s.remove(3)
print(s)
try:
    s.remove(42)
except KeyError as e:
    print(type(e).__name__, e)
print(s.pop() in {1, 5}, len(s))
print(set(), set([4, 4, 5]), set(range(5)), set("aab") == {"a", "b"})
print(sorted({"pear", "apple", "fig"}))
t = {1, 2, 3}
t.update([3, 4], (5,))
print(t)
c = t.copy(); c.clear()
print(t, c)
print(2 in t, 9 in t, 9 not in t)
try:
    {[1, 2]}
except TypeError as e:
    print(type(e).__name__, e)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
print({x % 5 for x in range(20)})
print(sorted(set("hello world")))
print(type(s).__name__, set((1, 2)) == {2, 1})
