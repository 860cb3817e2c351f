# _posixsubprocess.fork_exec as subprocess.Popen calls it (subprocess
# itself also needs _io): pipes on the child's stdin/stdout, cwd, env,
# close_fds, preexec_fn, and failures reported on the error pipe.
import os, _posixsubprocess, threading, time


def run(args, exes, cwd=None, env=None, preexec=None, stdin_data=b""):
    p2cread, p2cwrite = os.pipe()
    c2pread, c2pwrite = os.pipe()
    errpipe_read, errpipe_write = os.pipe()
    pid = _posixsubprocess.fork_exec(
        args, exes, True, (errpipe_write,), cwd, env,
        p2cread, p2cwrite, c2pread, c2pwrite, -1, -1,
        errpipe_read, errpipe_write, True, False, -1, None, None, None, -1, preexec, False)
    for fd in (p2cread, c2pwrite, errpipe_write):
        os.close(fd)
    os.write(p2cwrite, stdin_data)
    os.close(p2cwrite)
    err = b""
    while True:
        part = os.read(errpipe_read, 50000)
        if not part:
            break
        err += part
    os.close(errpipe_read)
    out = b""
    while True:
        part = os.read(c2pread, 50000)
        if not part:
            break
        out += part
    os.close(c2pread)
    _, status = os.waitpid(pid, 0)
    return out, err, os.waitstatus_to_exitcode(status)


print(run([b"/bin/sh", b"-c", b"echo hi; cat; exit 3"], (b"/bin/sh",), stdin_data=b"in\n"))
print(run(["sh", "-c", "pwd"], (b"/nonexistent/sh", b"/bin/sh"), cwd="/tmp"))
print(run(["sh", "-c", "echo $K"], (b"/bin/sh",), env=[b"K=v"]))
print(run(["sh", "-c", "ls /proc/self/fd | wc -l"], (b"/bin/sh",)))
print(run(["x"], (b"/nonexistent/x",)))
print(run(["x"], (b"/bin/sh",), cwd="/nonexistent"))
print(run(["sh", "-c", "echo $P"], (b"/bin/sh",), env=[b"P=pre"], preexec=lambda: None))
print(run(["sh"], (b"/bin/sh",), preexec=lambda: 1 / 0))

# While other threads run.
stop = False


def spin():
    while not stop:
        [str(i) for i in range(100)]


ths = [threading.Thread(target=spin) for _ in range(3)]
for t in ths:
    t.start()
print([run(["sh", "-c", "echo %d" % i], (b"/bin/sh",))[0] for i in range(5)])
stop = True
for t in ths:
    t.join()
for bad in [lambda: _posixsubprocess.fork_exec(), lambda: run(["x"], (b"/bin/sh",), preexec=3)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
