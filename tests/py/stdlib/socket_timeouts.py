# Timeouts and non-blocking sockets: recv/accept/connect with a timeout
# raise TimeoutError('timed out'); non-blocking calls raise BlockingIOError;
# setdefaulttimeout applies to new sockets; sendall fills a full buffer and
# times out; connect_ex reports a refused connection.
import errno
import socket
import time

a, b = socket.socketpair()
a.settimeout(0.05)
t0 = time.monotonic()
try:
    a.recv(1)
except TimeoutError as e:
    print(type(e).__name__, e, e.errno, isinstance(e, socket.timeout))
print(time.monotonic() - t0 >= 0.04)
print(a.gettimeout(), a.timeout, a.getblocking())

a.setblocking(False)
print(a.gettimeout(), a.getblocking())
try:
    a.recv(1)
except BlockingIOError as e:
    print(type(e).__name__, e.errno == errno.EAGAIN)
# fill the send buffer without blocking
sent = 0
try:
    while True:
        sent += a.send(b"x" * 65536)
except BlockingIOError as e:
    print("buffer full", sent > 0)
a.settimeout(0.05)
try:
    a.sendall(b"y" * 1000000)
except TimeoutError as e:
    print("sendall", type(e).__name__, e)
a.close()
b.close()

# accept with a timeout
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
srv.settimeout(0.05)
try:
    srv.accept()
except TimeoutError as e:
    print("accept", type(e).__name__, e)
addr = srv.getsockname()
# a connection made with a timed socket completes and works
c = socket.socket()
c.settimeout(2.0)
c.connect(addr)
conn, _ = srv.accept()
print(conn.gettimeout(), conn.getblocking())
conn.sendall(b"ok")
print(c.recv(10))
c.close()
conn.close()
srv.close()

# connect_ex to a closed port gives the errno; connect raises
s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
c = socket.socket()
print(c.connect_ex(("127.0.0.1", port)) == errno.ECONNREFUSED)
c.close()
c = socket.socket()
try:
    c.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print(type(e).__name__, e.errno == errno.ECONNREFUSED)
c.close()
c = socket.socket()
c.settimeout(1.0)
try:
    c.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print("timed connect", type(e).__name__)
c.close()

# the default timeout
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(1.5)
s = socket.socket()
print(socket.getdefaulttimeout(), s.gettimeout(), s.getblocking())
s.close()
x, y = socket.socketpair()
print(x.gettimeout(), y.gettimeout())
x.close()
y.close()
socket.setdefaulttimeout(None)
s = socket.socket()
print(s.gettimeout())
s.close()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
print(s.gettimeout(), s.type)
s.close()
# create_connection with a timeout
srv = socket.create_server(("127.0.0.1", 0))
c = socket.create_connection(srv.getsockname(), timeout=0.5)
print(c.gettimeout())
c.close()
srv.close()

# PEP 475: a signal handler runs while recv() blocks and recv() goes on;
# a handler that raises interrupts recv() (blocking and with a timeout).
import signal
import threading

a, b = socket.socketpair()
hits = []
signal.signal(signal.SIGALRM, lambda *args: hits.append("handler ran"))


def kill_main():
    signal.pthread_kill(threading.main_thread().ident, signal.SIGALRM)


def send_after_handler():
    for _ in range(500):
        if hits:
            break
        time.sleep(0.01)
    a.send(b"after the signal")


threading.Timer(0.02, kill_main).start()
sender = threading.Thread(target=send_after_handler)
sender.start()
print(b.recv(100), hits)
sender.join()


class Boom(Exception):
    pass


def raiser(*args):
    raise Boom("from the handler")


signal.signal(signal.SIGALRM, raiser)
for timeout in (None, 30.0):
    b.settimeout(timeout)
    threading.Timer(0.02, kill_main).start()
    try:
        b.recv(100)
    except Boom as e:
        print("recv interrupted:", e, b.gettimeout())
signal.signal(signal.SIGALRM, signal.SIG_DFL)
a.close()
b.close()
