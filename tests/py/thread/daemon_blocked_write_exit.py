# Interpreter shutdown while a daemon thread is blocked writing to a pipe
# nobody reads (test_io's daemon-thread shutdown tests, issue #23309's
# case): the process must still exit.  pvm once hung for ever: the daemon
# thread, blocked in write(2), kept sys.stderr's lock, which the final
# flush waited for, and stayed online for QSBR, so the main thread's last
# grace period never ended.
import subprocess
import sys

DAEMON = r'''
import sys, threading, time
stream = sys.%s
def run():
    while True:
        stream.write('.')
        stream.flush()
threading.Thread(target=run, daemon=True).start()
time.sleep(0.3)
%s
print("main done", file=sys.%s, flush=True)
'''

# With work left for the main thread's last deferred releases: a shared
# dict grown by two threads, then dropped.  The cycle collector is off: its
# stop-the-world pause would wait for the blocked daemon thread (not fixed
# yet: a thread blocked in write(2) keeps the file's critical section, so it
# cannot be counted as stopped).
CHURN = r'''
import gc
gc.disable()
shared = {}
def grow(k):
    for i in range(2000):
        shared[(k, i)] = [i]
ts = [threading.Thread(target=grow, args=(k,)) for k in range(2)]
for t in ts: t.start()
for t in ts: t.join()
shared.clear()
del shared
'''

cases = [
    ("stderr", "", "stdout"),
    ("stderr", CHURN, "stdout"),
    ("stdout", CHURN, "stderr"),
]
for stream, extra, other in cases:
    code = DAEMON % (stream, extra, other)
    p = subprocess.Popen([sys.executable, "-c", code],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        print(stream, "churn" if extra else "", "HANG: the child did not exit")
        continue
    # The daemon thread's pipe is full and never read: read the other one.
    out = (p.stdout if other == "stdout" else p.stderr).read()
    p.stdout.close()
    p.stderr.close()
    print(stream, "churn" if extra else "", "exit", rc, out)
