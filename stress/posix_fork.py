# fork() while other threads allocate, share and drop objects: each child
# runs Python code (allocation, a dict, a new thread) and exits with a
# known status; the parent's threads keep running across every fork.
import os
import threading

stop = False
shared = {"items": []}
errors = []


def churn(k):
    n = 0
    while not stop:
        lst = [str(i) for i in range(50)]
        shared["items"] = lst
        d = {i: lst for i in range(20)}
        n += len(d)


ths = [threading.Thread(target=churn, args=(k,)) for k in range(4)]
for t in ths:
    t.start()
for rnd in range(20):
    pid = os.fork()
    if pid == 0:
        total = sum(len(x) for x in shared["items"]) + len({i: i for i in range(1000)})
        box = []
        t = threading.Thread(target=lambda: box.append(sum(range(100))))
        t.start()
        t.join()
        os._exit(0 if box == [4950] and total >= 1000 else 1)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        errors.append((rnd, status))
stop = True
for t in ths:
    t.join()
print("ok posix_fork" if not errors else errors[:5])
