# Threads sort shared lists while other threads append, pop and clear them:
# a sort either succeeds or raises "list modified during sort"; the VM never
# crashes and the list always holds only ints afterwards.
import threading

N_LISTS = 4
ROUNDS = 300
lists = [list(range(200, 0, -1)) for _ in range(N_LISTS)]
errors = []
stop = threading.Event()

def sorter(i):
    try:
        for r in range(ROUNDS):
            lst = lists[(i + r) % N_LISTS]
            try:
                lst.sort(key=lambda x: -x if r % 2 else x)
            except ValueError as e:
                if str(e) != "list modified during sort":
                    errors.append(repr(e))
    except Exception as e:
        errors.append(repr(e))

def mutator(i):
    k = 0
    while not stop.is_set():
        lst = lists[k % N_LISTS]
        try:
            if k % 7 == 0:
                lst.clear()
                lst.extend(range(50))
            elif k % 2:
                lst.append(k)
            else:
                lst.pop()
        except IndexError:
            pass
        k += 1

sorters = [threading.Thread(target=sorter, args=(i,)) for i in range(3)]
mutators = [threading.Thread(target=mutator, args=(i,)) for i in range(2)]
for t in sorters + mutators:
    t.start()
for t in sorters:
    t.join()
stop.set()
for t in mutators:
    t.join()
for lst in lists:
    assert all(type(x) is int for x in lst), "non-int in list"
assert not errors, errors[:3]
print("ok list_sort_mutate")
