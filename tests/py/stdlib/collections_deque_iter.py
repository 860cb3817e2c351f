# _collections.deque iterators: order, length hints, mutation detection,
# pickling pieces, iterator types.
from _collections import deque, _deque_iterator, _deque_reverse_iterator

d = deque(range(6))
print(list(iter(d)), list(reversed(d)))
it = iter(d)
print(type(it).__name__, type(reversed(d)).__name__, type(it) is _deque_iterator,
      type(reversed(d)) is _deque_reverse_iterator)
print(it.__length_hint__(), next(it), next(it), it.__length_hint__())
r = it.__reduce__()
print(r[0] is _deque_iterator, r[1][1], list(r[0](*r[1])))
print(list(it), it.__length_hint__(), list(it))
rv = reversed(d)
print(next(rv), rv.__length_hint__(), rv.__reduce__()[1][1], list(rv))
print(list(_deque_iterator(d, 4)), list(_deque_reverse_iterator(d, 2)), list(_deque_iterator(d, 99)))
print(iter(it) is it)

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for name, op in [('append', lambda x: x.append(9)), ('appendleft', lambda x: x.appendleft(9)),
                 ('pop', lambda x: x.pop()), ('popleft', lambda x: x.popleft()),
                 ('clear', lambda x: x.clear()), ('insert', lambda x: x.insert(1, 5)),
                 ('remove', lambda x: x.remove(2)), ('del', lambda x: x.__delitem__(1)),
                 ('extend', lambda x: x.extend([1])), ('setitem', lambda x: x.__setitem__(0, 7)),
                 ('reverse', lambda x: x.reverse()), ('rotate', lambda x: x.rotate(1))]:
    x = deque([1, 2, 3, 4])
    i = iter(x)
    next(i)
    op(x)
    t(name, lambda: list(i))
    # an exhausted-by-error iterator stays exhausted
    t(name + ' again', lambda: list(i))

x = deque([1, 2, 3])
out = []
try:
    for v in x:
        out.append(v)
        if v == 2:
            x.append(4)
except RuntimeError as e:
    print('loop', type(e).__name__, e, out)

# iterating a deque with maxlen while it drops items
y = deque(range(3), maxlen=3)
i = iter(y)
y.append(3)
t('maxlen append', lambda: next(i))

# enumerate / zip / unpacking / star
a, b, *c = deque('abcd')
print(a, b, c, [*deque((1, 2))], dict(zip(deque('xy'), deque([1, 2]))))
print(list(enumerate(deque('pq'))), max(deque([3, 9, 2])), tuple(deque()))
