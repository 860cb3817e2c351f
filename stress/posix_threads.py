# Threads use posix at once: each writes, stats, lists and removes its own
# files in one shared directory, sets and reads its own environment
# variables through os.environ (posix.putenv/unsetenv underneath), shares
# one scandir iterator (every entry is handed out once), caches the stat
# of shared DirEntry objects, and registers fds on one shared poll object.
import os
import select
import threading

N = 8
ROUNDS = 60
base = "/tmp/posix_threads_%d" % os.getpid()
os.mkdir(base)
errors = []
for i in range(40):
    with open(os.path.join(base, "shared%02d" % i), "w") as f:
        f.write("x" * i)
it = os.scandir(base)
seen = []
entries = list(os.scandir(base))
poller = select.poll()
r, w = os.pipe()
barrier = threading.Barrier(N)


def worker(k):
    try:
        barrier.wait()
        # The shared iterator: entries are split between the threads.
        for e in it:
            seen.append(e.name)
        for rnd in range(ROUNDS):
            p = os.path.join(base, "t%d_%d" % (k, rnd))
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.write(fd, b"a" * (rnd + 1))
            os.close(fd)
            st = os.stat(p)
            if st.st_size != rnd + 1:
                errors.append(("size", k, rnd, st.st_size))
            names = os.listdir(base)
            if os.path.basename(p) not in names:
                errors.append(("listdir", k, rnd))
            key = "PVM_STRESS_%d" % k
            os.environ[key] = str(rnd)
            if os.environ.get(key) != str(rnd) or os.getenv(key) != str(rnd):
                errors.append(("env", k, rnd))
            e = entries[(k + rnd) % len(entries)]
            if e.stat().st_size != int(e.name[6:]) or not e.is_file():
                errors.append(("direntry", k, rnd))
            poller.register(r, select.POLLIN)
            poller.modify(w, select.POLLOUT) if rnd % 2 else poller.register(w, select.POLLOUT)
            try:
                poller.poll(0)
            except RuntimeError:
                pass  # "concurrent poll() invocation" is the expected answer
            os.unlink(p)
        del os.environ["PVM_STRESS_%d" % k]
    except Exception as ex:
        errors.append(("exc", k, repr(ex)))


ths = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in ths:
    t.start()
for t in ths:
    t.join()
if sorted(seen) != sorted("shared%02d" % i for i in range(40)):
    errors.append(("scandir", len(seen), len(set(seen))))
if any(k.startswith("PVM_STRESS_") for k in os.environ):
    errors.append("env left")
left = sorted(os.listdir(base))
if len(left) != 40:
    errors.append(("left", left[:5]))
for n in left:
    os.unlink(os.path.join(base, n))
os.rmdir(base)
os.close(r)
os.close(w)
print("ok posix_threads" if not errors else errors[:5])
