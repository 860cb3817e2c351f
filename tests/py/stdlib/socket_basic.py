# _socket through socket.py: socketpair, TCP and UDP over 127.0.0.1,
# recv_into / recvfrom_into, makefile, options, AF_UNIX (abstract namespace),
# dup / fromfd, sendmsg / recvmsg with SCM_RIGHTS.  No port numbers printed.
import array
import os
import socket

a, b = socket.socketpair()
print(a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM, a.proto)
print(repr(a.family), repr(a.type))
a.sendall(b"hello")
print(b.recv(10))
buf = bytearray(8)
a.send(b"abc")
print(b.recv_into(buf), buf)
a.send(memoryview(b"xyz123"))
mv = memoryview(buf)
print(b.recv_into(mv[2:], 3), buf)
print(b.recv(10, socket.MSG_PEEK), b.recv(10))
print(a.getsockname(), b.getpeername())
a.shutdown(socket.SHUT_WR)
print(b.recv(10))
a.close()
b.close()
print(a.fileno(), "[closed]" in repr(a))

# TCP over loopback
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen(5)
host, port = srv.getsockname()
print(host, 0 < port < 65536)
cli = socket.create_connection((host, port))
conn, addr = srv.accept()
print(addr[0], addr[1] == cli.getsockname()[1], conn.getpeername() == cli.getsockname())
print(cli.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM)
cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
print(cli.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
payload = bytes(range(256)) * 1000
cli.sendall(payload)
got = bytearray()
while len(got) < len(payload):
    chunk = conn.recv(65536)
    if not chunk:
        break
    got += chunk
print(len(got), got == payload)
# makefile
wf = conn.makefile("w", encoding="utf-8", newline="\n")
rf = cli.makefile("r", encoding="utf-8")
wf.write("line one\nline two\n")
wf.flush()
print(repr(rf.readline()), repr(rf.readline()))
wf.close()
rf.close()
conn.close()
print(cli.recv(10))
cli.close()
srv.close()
with socket.socket() as s:
    print(s.fileno() >= 0)
print(s.fileno())

# UDP over loopback
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.bind(("127.0.0.1", 0))
print(u2.sendto(b"datagram", u1.getsockname()))
data, frm = u1.recvfrom(100)
print(data, frm == u2.getsockname())
u2.sendto(b"into", 0, u1.getsockname())
buf = bytearray(10)
n, frm = u1.recvfrom_into(buf)
print(n, bytes(buf[:n]), frm == u2.getsockname())
u1.close()
u2.close()

# IPv6 loopback, when the machine has it
try:
    s6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s6.bind(("::1", 0))
except OSError:
    print("::1", True, 0, 0)
else:
    h, p, flow, scope = s6.getsockname()
    print(h, p > 0, flow, scope)
    s6.close()

# AF_UNIX, abstract namespace
name = b"\0pvm-socket-basic-%d" % os.getpid()
us = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
us.bind(name)
us.listen()
print(us.getsockname() == name)
uc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
uc.connect(name)
uconn, uaddr = us.accept()
print(repr(uaddr))
uc.sendall(b"unix!")
print(uconn.recv(10))

# fd passing
r, w = os.pipe()
fds = array.array("i", [r])
uc.sendmsg([b"fd"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds.tobytes())])
msg, anc, flags, addr = uconn.recvmsg(10, socket.CMSG_SPACE(4))
print(msg, len(anc), anc[0][0] == socket.SOL_SOCKET, anc[0][1] == socket.SCM_RIGHTS, flags)
newfd = array.array("i", anc[0][2])[0]
os.write(w, b"through the passed fd")
print(os.read(newfd, 100))
for fd in (r, w, newfd):
    os.close(fd)
uconn.close()
uc.close()
us.close()

# dup and fromfd
a, b = socket.socketpair()
c = a.dup()
print(c.fileno() != a.fileno(), c.family == a.family)
c.sendall(b"dup")
print(b.recv(10))
d = socket.fromfd(b.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
a.sendall(b"fromfd")
print(d.recv(10))
e = socket.socket(fileno=os.dup(a.fileno()))
print(e.family == socket.AF_UNIX, e.type == socket.SOCK_STREAM)
fd = e.detach()
print(e.fileno(), fd >= 0)
os.close(fd)
for s in (a, b, c, d):
    s.close()

# module helpers
print(socket.inet_aton("127.0.0.1"), socket.inet_ntoa(b"\x7f\x00\x00\x01"))
print(socket.inet_pton(socket.AF_INET6, "::1"), socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\x01"))
print(socket.htons(0x1234) == 0x3412, socket.ntohl(socket.htonl(0x12345678)) == 0x12345678)
print(socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM))
print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.gethostbyname("127.0.0.1"), type(socket.gethostname()).__name__)
print(socket.CMSG_LEN(4), socket.CMSG_SPACE(4))
print(socket.error is OSError, socket.timeout is TimeoutError, issubclass(socket.gaierror, OSError))
print(socket.getdefaulttimeout(), socket.has_ipv6)

# the types
import _socket
import weakref

print(_socket.socket, _socket.socket.__module__, _socket.socket.__name__)
print(socket.socket.__mro__)
print(_socket.gaierror, _socket.herror, _socket.gaierror.__module__)


class MySocket(socket.socket):
    pass


s = MySocket()
s.extra = 1
print(type(s).__name__, s.extra, s.family)
r = weakref.ref(s)
print(r() is s)
s.close()
print(repr(s)[:40])
