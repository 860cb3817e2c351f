# _signal through signal.py: handlers run in the main thread at the next
# eval-breaker check; getsignal/SIG_DFL/SIG_IGN, raise_signal, alarm,
# set_wakeup_fd, pthread_sigmask, strsignal, valid_signals; error cases.
import os, signal, threading, time

print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGUSR1))
print(signal.SIGINT, int(signal.SIGTERM), signal.NSIG, signal.SIG_DFL, signal.SIG_IGN)
print(signal.strsignal(signal.SIGINT), signal.strsignal(signal.SIGTERM), len(signal.valid_signals()))

got = []


def handler(sig, frame):
    got.append((sig, threading.current_thread() is threading.main_thread(), frame is not None))


old = signal.signal(signal.SIGUSR1, handler)
print(old, signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
print(got)
os.kill(os.getpid(), signal.SIGUSR1)
print(len(got))

# Sent from another thread: still handled by the main thread.
def sender():
    os.kill(os.getpid(), signal.SIGUSR1)


t = threading.Thread(target=sender)
t.start()
t.join()
for i in range(100000):
    if len(got) == 3:
        break
print(got[-1])

# A handler that raises: the exception comes out of the main thread's code.
def boom(sig, frame):
    raise ValueError("boom %d" % sig)


signal.signal(signal.SIGUSR2, boom)
try:
    signal.raise_signal(signal.SIGUSR2)
    print("not reached")
except ValueError as e:
    print(type(e).__name__, e)

# alarm interrupts sleep (PEP 475: the sleep resumes after the handler).
signal.signal(signal.SIGALRM, lambda s, f: got.append("alarm"))
print(signal.alarm(1))
time.sleep(1.3)
print(got[-1], signal.alarm(0))

# KeyboardInterrupt from the default SIGINT handler.
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print("KeyboardInterrupt")

# Ignored and default dispositions.
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
signal.raise_signal(signal.SIGUSR1)
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL))
print(signal.getsignal(signal.SIGUSR1))

# Blocked signals stay pending until unblocked.
signal.signal(signal.SIGUSR1, handler)
n = len(got)
print(signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1]))
# Sent to this thread: a process-directed signal would go to any thread
# that does not block it (pvm has helper threads).
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print(len(got) - n, signal.sigpending())
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
print(len(got) - n, signal.sigpending())

# Wakeup fd gets the signal number.
r, w = os.pipe()
os.set_blocking(w, False)
print(signal.set_wakeup_fd(w))
signal.raise_signal(signal.SIGUSR1)
print(os.read(r, 10), signal.set_wakeup_fd(-1) == w)
os.close(r)
os.close(w)
signal.siginterrupt(signal.SIGUSR1, False)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
signal.signal(signal.SIGUSR2, signal.SIG_DFL)


def other():
    for f in [lambda: signal.signal(signal.SIGUSR1, handler), lambda: signal.set_wakeup_fd(-1)]:
        try:
            f()
        except ValueError as e:
            print(type(e).__name__, e)
    print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)


t = threading.Thread(target=other)
t.start()
t.join()

r, w = os.pipe()
for f in [lambda: signal.signal(0, signal.SIG_DFL), lambda: signal.signal(65, signal.SIG_DFL),
          lambda: signal.signal(signal.SIGKILL, signal.SIG_IGN), lambda: signal.signal(2, 5),
          lambda: signal.signal(signal.SIGUSR1, "x"),
          lambda: signal.strsignal(0), lambda: signal.getsignal(100),
          lambda: signal.set_wakeup_fd(r), lambda: signal.pthread_sigmask(0, [0]),
          lambda: signal.pthread_sigmask(0, 3), lambda: signal.default_int_handler(),
          lambda: signal.raise_signal(0), lambda: signal.alarm("x"), lambda: signal.siginterrupt(0, 1)]:
    try:
        print(f())
    except BaseException as e:
        print(type(e).__name__, e)
os.close(r)
os.close(w)
