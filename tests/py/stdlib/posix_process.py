# fork / exec / waitpid and the wait-status helpers, kill, ids, environ,
# putenv/unsetenv, uname/times/umask/urandom/cpu_count/terminal_size.
import os, posix, sys, threading, time

print(os.name, os.error is OSError, posix.error is OSError, os.sep, os.pathsep)
print(type(posix.environ).__name__, all(type(k) is bytes for k in posix.environ))
os.environ["PVM_POSIX_T"] = "v1"
print(os.environ["PVM_POSIX_T"], os.getenv("PVM_POSIX_T"), posix.environ[b"PVM_POSIX_T"])
os.putenv("PVM_POSIX_T2", "x")
del os.environ["PVM_POSIX_T"]
print("PVM_POSIX_T" in os.environ, os.environb.get(b"PVM_POSIX_T"))
for t in [lambda: os.putenv("a=b", "c"), lambda: os.putenv("", "c"), lambda: os.putenv("a\0", "c"),
          lambda: os.unsetenv("a=b"), lambda: os.urandom(-1), lambda: os.umask("a"),
          lambda: os.execv("/bin/true", []), lambda: os.execv("/bin/true", [""]),
          lambda: os.execv("/bin/true", "x"), lambda: os.waitstatus_to_exitcode(-1),
          lambda: os.kill(2**22 + 12345, 0), lambda: os.waitpid(-1, 0),
          lambda: os.register_at_fork(), lambda: os.register_at_fork(before=1)]:
    try:
        t()
    except Exception as e:
        print(type(e).__name__, e)
print(os.getpid() > 0, os.getppid() > 0, os.getuid() >= 0, os.geteuid() >= 0, os.getgid() >= 0)
u = os.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname)
t = os.times()
print(type(t).__name__, len(t), t.elapsed > 0, t[0] == t.user)
old = os.umask(0o22)
print(oct(os.umask(old)))
print(len(os.urandom(16)), os.urandom(0), os.cpu_count() >= 1, len(os.sched_getaffinity(0)) >= 1)
ts = os.terminal_size((80, 24))
print(ts, ts.columns, ts.lines)
print(os.strerror(2), os.WIFEXITED(256), os.WEXITSTATUS(256), os.WIFSIGNALED(9), os.WTERMSIG(9),
      os.waitstatus_to_exitcode(256), os.waitstatus_to_exitcode(9))
print(sorted(x for x in dir(posix) if x.startswith(("O_", "EX_", "SEEK_", "W", "F_")))[:12])
print("stat" in os.supports_dir_fd, os.stat in os.supports_follow_symlinks, os.listdir in os.supports_fd)
sys.stdout.flush()

# fork: the child runs Python code even while other threads exist.
stop = False


def spin():
    while not stop:
        time.sleep(0.001)


ths = [threading.Thread(target=spin) for _ in range(3)]
for th in ths:
    th.start()
calls = []
os.register_at_fork(before=lambda: calls.append("before"),
                    after_in_parent=lambda: calls.append("parent"),
                    after_in_child=lambda: calls.append("child"))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    total = sum(i * i for i in range(1000))
    d = {str(i): i for i in range(100)}
    os.write(w, ("child %d %d %s\n" % (total, len(d), calls)).encode())
    os._exit(7)
os.close(w)
print(os.read(r, 1000).decode().strip())
os.close(r)
p2, status = os.waitpid(pid, 0)
print(p2 == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.waitstatus_to_exitcode(status), calls)
stop = True
for th in ths:
    th.join()

pid = os.fork()
if pid == 0:
    os.execv("/bin/sh", ["sh", "-c", "exit 3"])
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.fork()
if pid == 0:
    os.execve("/bin/sh", ["sh", "-c", 'test "$K" = v && exit 4'], {"K": "v"})
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.fork()
if pid == 0:
    time.sleep(10)
    os._exit(0)
os.kill(pid, 9)
_, st = os.waitpid(pid, 0)
print(os.WIFSIGNALED(st), os.WTERMSIG(st), os.waitstatus_to_exitcode(st))
print(os.waitpid(-1, os.WNOHANG) if False else "done")
