# The pieces a Python server uses (issue 15): SO_REUSEADDR/SO_REUSEPORT,
# dup/fromfd, makefile, DefaultSelector, epoll/poll, a ThreadPoolExecutor
# behind a listening socket, signal handlers with set_wakeup_fd.
import os
import re
import selectors
import select
import signal
import socket
import threading
from concurrent.futures import ThreadPoolExecutor


def err(e):
    return "%s %s" % (type(e).__name__, re.sub(r"\d+", "N", str(e)))


s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
print("reuse", s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0,
      s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) != 0)
s.bind(("127.0.0.1", 0))
s.listen(16)
port = s.getsockname()[1]

# A second socket may bind the same port with SO_REUSEPORT on both.
s2 = socket.socket()
s2.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
s2.bind(("127.0.0.1", port))
s2.listen()
print("reuseport bind ok", s2.getsockname()[1] == port)
s2.close()
s3 = socket.socket()
try:
    s3.bind(("127.0.0.1", port))
except OSError as e:
    print("without reuseport:", type(e).__name__, e.errno == 98)
s3.close()

d = s.dup()
print("dup", d.fileno() != s.fileno(), d.getsockname() == s.getsockname(), d.family, d.type)
f = socket.fromfd(s.fileno(), socket.AF_INET, socket.SOCK_STREAM)
print("fromfd", f.fileno() != s.fileno(), f.getsockname()[1] == port)
f.close()
d.close()
c = socket.socket()
c.close()
for fn in (c.dup, lambda: socket.fromfd(-1, socket.AF_INET, socket.SOCK_STREAM)):
    try:
        fn()
    except OSError as e:
        print(err(e))

print(selectors.DefaultSelector.__name__, hasattr(select, "epoll"), hasattr(select, "poll"))

c = socket.create_connection(("127.0.0.1", port))
a, _ = s.accept()
wf = c.makefile("wb")
rf = a.makefile("rb")
wf.write(b"hello\nworld\n")
wf.flush()
print(rf.readline(), rf.readline())
tw = c.makefile("w", encoding="utf-8", newline="\r\n")
tr = a.makefile("r", encoding="utf-8", newline="")
tw.write("caf\u00e9\n")
tw.flush()
print(repr(tr.readline()))
wf.close(); rf.close(); tw.close(); tr.close()

sel = selectors.DefaultSelector()
sel.register(a, selectors.EVENT_READ, "a")
print(sel.select(0))
c.send(b"x")
print([(k.data, ev) for k, ev in sel.select(1)])
sel.close()
ep = select.epoll()
ep.register(a.fileno(), select.EPOLLIN)
print(ep.poll(1) == [(a.fileno(), select.EPOLLIN)])
ep.close()
p = select.poll()
p.register(a.fileno(), select.POLLIN)
print(p.poll(1000) == [(a.fileno(), select.POLLIN)])
print(a.recv(10))
a.close()
c.close()


def handle(conn):
    with conn:
        data = b""
        while not data.endswith(b"\n"):
            data += conn.recv(100)
        conn.sendall(data.upper() + threading.current_thread().name.split("_")[0].encode() + b"\n")


with ThreadPoolExecutor(4, thread_name_prefix="pool") as ex:
    clients = []
    for i in range(8):
        cc = socket.create_connection(("127.0.0.1", port))
        clients.append(cc)
        conn, _ = s.accept()
        ex.submit(handle, conn)
        cc.sendall(b"msg%d\n" % i)
    for cc in clients:
        buf = b""
        while True:
            chunk = cc.recv(100)
            if not chunk:
                break
            buf += chunk
        print(buf)
        cc.close()
s.close()

r, w = os.pipe()
try:
    signal.set_wakeup_fd(w)
except ValueError as e:
    print(err(e))
os.set_blocking(w, False)
print("old", signal.set_wakeup_fd(w))
got = []
old = signal.signal(signal.SIGTERM, lambda sig, frame: got.append(signal.Signals(sig).name))
print("default term", old == signal.SIG_DFL)
os.kill(os.getpid(), signal.SIGTERM)
print(got, os.read(r, 10) == bytes([signal.SIGTERM]))
signal.signal(signal.SIGTERM, signal.SIG_DFL)


def from_thread(out):
    try:
        signal.set_wakeup_fd(-1)
    except ValueError as e:
        out.append(err(e))
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    except ValueError as e:
        out.append(err(e))


out = []
t = threading.Thread(target=from_thread, args=(out,))
t.start()
t.join()
print(out)
print(signal.set_wakeup_fd(-1) == w)
for bad in ("x", 10 ** 30):
    try:
        signal.set_wakeup_fd(bad)
    except (TypeError, ValueError, OverflowError) as e:
        print(err(e))
os.close(r)
os.close(w)
