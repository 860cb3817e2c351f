# fork() from many threads at once while other threads start and exit
# (test_threading's test_reinit_tls_after_fork): each round starts 16
# threads that each fork a child, which exits with a known status, and
# wait for it; the threads then end while later ones are still starting
# or forking.  A fork must never wait on a thread that is itself waiting
# for the fork's pause to end (a deadlock: the runner's timeout).
import os
import threading

errors = []


def fork_and_wait(rnd, k):
    pid = os.fork()
    if pid == 0:
        os._exit(50)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 50:
        errors.append((rnd, k, code))


for rnd in range(25):
    ths = [threading.Thread(target=fork_and_wait, args=(rnd, k)) for k in range(16)]
    for t in ths:
        t.start()
    for t in ths:
        t.join()
print("ok fork_threads_exiting" if not errors else errors[:5])
