# A signal the main thread blocks stays pending (sigpending shows it) even
# though pvm has helper threads of its own (liburcu's worker, the pacer):
# they block every signal.  Unblocking runs the handler at once, inside
# pthread_sigmask.
import os
import signal


def handler(signum, frame):
    raise ZeroDivisionError("handler ran")


signal.signal(signal.SIGUSR1, handler)
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
os.kill(os.getpid(), signal.SIGUSR1)
print("pending:", signal.sigpending())
try:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
except ZeroDivisionError as e:
    print("raised by the unblock:", e)
print("pending after:", signal.sigpending())

for bad in ([signal.NSIG], [0], [1 << 1000]):
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, bad)
    except ValueError as e:
        print("ValueError", e)
