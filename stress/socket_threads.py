# Threads race on shared sockets.
#  1. Stream socketpairs: one sender and one receiver per pair, numbered
#     records; every record arrives once, in order.
#  2. One datagram socketpair shared by several senders and several
#     receivers at once (recv with a timeout while others send); every
#     datagram is received exactly once.
#  3. One listening socket on 127.0.0.1 with several threads accepting at
#     once while client threads connect; every client is accepted once.
#  4. A thread blocked in recv() on a socket another thread closes, and
#     threads sending on a socket being closed, while others flip its
#     timeout: no crash, the blocked recv returns the peer's data, later
#     calls fail with OSError (EBADF).
import socket
import struct
import threading

errors = []


def check(cond, msg):
    if not cond:
        errors.append(msg)


def recv_exact(s, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            break
        buf += chunk
    return bytes(buf)


# 1. stream pairs
def stream_pairs(npairs=4, count=2000):
    def sender(s, k):
        for i in range(count):
            s.sendall(struct.pack("!II", k, i) + b"p" * (i % 50))

    def receiver(s, k):
        for i in range(count):
            hdr = recv_exact(s, 8)
            kk, ii = struct.unpack("!II", hdr)
            check(kk == k and ii == i, "stream record out of order")
            body = recv_exact(s, i % 50)
            check(body == b"p" * (i % 50), "stream body corrupted")

    pairs = [socket.socketpair() for _ in range(npairs)]
    ts = []
    for k, (a, b) in enumerate(pairs):
        ts.append(threading.Thread(target=sender, args=(a, k)))
        ts.append(threading.Thread(target=receiver, args=(b, k)))
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for a, b in pairs:
        a.close()
        b.close()


# 2. one datagram pair, shared by all
def shared_datagrams(nsend=4, nrecv=3, per=1500):
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    b.settimeout(0.2)
    got = [[] for _ in range(nrecv)]
    sent_done = threading.Event()

    def sender(k):
        for i in range(per):
            a.send(struct.pack("!II", k, i))

    def receiver(r):
        while True:
            try:
                d = b.recv(64)
            except TimeoutError:
                if sent_done.is_set():
                    return
                continue
            got[r].append(struct.unpack("!II", d))

    rs = [threading.Thread(target=receiver, args=(r,)) for r in range(nrecv)]
    ss = [threading.Thread(target=sender, args=(k,)) for k in range(nsend)]
    for t in rs + ss:
        t.start()
    for t in ss:
        t.join()
    sent_done.set()
    for t in rs:
        t.join()
    allgot = sorted(x for g in got for x in g)
    check(allgot == sorted((k, i) for k in range(nsend) for i in range(per)),
          "datagrams lost or duplicated: %d" % len(allgot))
    a.close()
    b.close()


# 3. concurrent accept on one listening socket
def shared_listener(nacc=4, nclients=40):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    srv.settimeout(0.05)
    addr = srv.getsockname()
    seen = []
    lock = threading.Lock()
    clients_done = threading.Event()

    def acceptor():
        while True:
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                if clients_done.is_set():
                    return
                continue
            conn.settimeout(60)
            ident = recv_exact(conn, 4)
            conn.sendall(ident)
            conn.close()
            with lock:
                seen.append(struct.unpack("!I", ident)[0])

    def client(i):
        c = socket.create_connection(addr, timeout=60)
        c.sendall(struct.pack("!I", i))
        check(recv_exact(c, 4) == struct.pack("!I", i), "echo mismatch")
        c.close()

    acc = [threading.Thread(target=acceptor) for _ in range(nacc)]
    cl = [threading.Thread(target=client, args=(i,)) for i in range(nclients)]
    for t in acc + cl:
        t.start()
    for t in cl:
        t.join()
    # every client has its echo, so every connection was accepted
    clients_done.set()
    for t in acc:
        t.join()
    check(sorted(seen) == list(range(nclients)), "accepts lost or duplicated")
    srv.close()


# 4. close while other threads use the socket
def close_races(rounds=30):
    for _ in range(rounds):
        a, b = socket.socketpair()
        started = threading.Event()
        result = []

        def blocked():
            started.set()
            try:
                result.append(a.recv(10))
            except OSError as e:
                result.append(type(e).__name__)

        def flipper():
            for i in range(200):
                try:
                    a.settimeout(None if i & 1 else 0.5)
                    a.gettimeout()
                    a.getblocking()
                except OSError:
                    pass

        t = threading.Thread(target=blocked)
        f = threading.Thread(target=flipper)
        t.start()
        started.wait()
        f.start()
        a.close()
        try:
            # A recv already in the kernel holds the open file and gets
            # this; if it had not got there yet, a's file is gone (EPIPE)
            # and that recv fails with EBADF instead.
            b.sendall(b"wake")
            b.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        t.join()
        f.join()
        check(len(result) == 1, "blocked recv returned twice")
        try:
            a.recv(1)
            check(False, "recv on a closed socket succeeded")
        except OSError:
            pass
        check(a.fileno() == -1, "fileno after close")
        b.close()

    # senders racing with close
    for _ in range(rounds):
        a, b = socket.socketpair()
        b.settimeout(0.2)
        outcome = []

        def drain():
            # keeps the senders from blocking on a full buffer for good
            while True:
                try:
                    if not b.recv(65536):
                        return
                except TimeoutError:
                    if len(outcome) == 2:
                        return

        def sender():
            try:
                for _ in range(1000):
                    a.send(b"x" * 16)
            except OSError as e:
                outcome.append(type(e).__name__)
            else:
                outcome.append("finished")

        ts = [threading.Thread(target=sender) for _ in range(2)]
        d = threading.Thread(target=drain)
        for t in ts + [d]:
            t.start()
        a.close()
        for t in ts + [d]:
            t.join()
        check(len(outcome) == 2, "a sender vanished")
        b.close()


stream_pairs()
shared_datagrams()
shared_listener()
close_races()
if errors:
    print(errors[:5])
else:
    print("ok socket_threads")
