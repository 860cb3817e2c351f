# Where a signal handler's exception is raised: CPython 3.11 runs pending
# handlers after a call returns and at backward jumps (and at function
# entry, which pvm leaves out: threads/thread.c says why).  The traceback
# shows the point.
import os
import signal
import traceback


def handler(signum, frame):
    raise ValueError("from the handler")


signal.signal(signal.SIGUSR1, handler)


def helper():
    return 1


def after_call():
    os.kill(os.getpid(), signal.SIGUSR1)
    x = helper()
    return x


def in_a_loop():
    total = 0
    for i in range(3):
        total += i
        if i == 0:
            signal.raise_signal(signal.SIGUSR1)
    return total


for fn in (after_call, in_a_loop):
    try:
        fn()
    except ValueError as e:
        tb = traceback.extract_tb(e.__traceback__)
        print(fn.__name__, [(f.name, f.line) for f in tb])
    else:
        print(fn.__name__, "no exception")
