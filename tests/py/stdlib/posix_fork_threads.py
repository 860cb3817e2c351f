# fork while threads run, from the main thread and from another thread:
# in the child only the forking thread lives on and is the main thread;
# joins of the vanished threads return; the child exits normally.
import os, threading, time, sys
ev = threading.Event()
def w():
    ev.wait()
ts = [threading.Thread(target=w) for _ in range(3)]
for t in ts: t.start()
pid = os.fork()
if pid == 0:
    print("child", threading.active_count(), threading.current_thread() is threading.main_thread(), [t.is_alive() for t in ts], flush=True)
    ts[0].join()
    t = threading.Thread(target=lambda: print("child thread", flush=True)); t.start(); t.join()
    sys.exit(5)
print("parent", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), threading.active_count())
ev.set()
for t in ts: t.join()
def f():
    pid = os.fork()
    if pid == 0:
        print("child2", threading.current_thread() is threading.main_thread(), threading.active_count(), flush=True)
        sys.exit(0)
    print("parent2", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
t = threading.Thread(target=f); t.start(); t.join()
