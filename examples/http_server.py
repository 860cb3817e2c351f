# A threaded HTTP/1.1 server whose handlers run in parallel on pvm.
#
#     build/pvm examples/http_server.py --port 8080 --workers 4
#     wrk -t2 -c64 -d5s 'http://127.0.0.1:8080/cpu?n=200'
#
# Design: one acceptor thread owns a selectors.DefaultSelector (epoll) that
# holds the listening socket and every idle keep-alive connection; a fixed
# pool of N worker threads (concurrent.futures.ThreadPoolExecutor) serves
# one request at a time. When a connection becomes readable the acceptor
# takes it out of the selector and submits it to the pool; the worker reads
# one request, runs the handler, writes the response and hands the
# connection back through a queue (the selector is only touched by its own
# thread). So N threads do all the Python work, whatever the number of open
# connections (thousands of idle keep-alive clients cost one fd each, not a
# thread each, which ThreadingHTTPServer would spend). On CPython the GIL
# serialises the handlers; on pvm they run on N cores.
#
# Routes:
#   /cpu?n=N&id=X    CPU-heavy: computes a table in pure Python and renders
#                    it through a small pure-Python template engine
#                    (body = render_cpu(N, X), deterministic)
#   /hello?id=X      trivial: "hello X\n"
#
# SIGTERM or SIGINT: stop accepting, finish the requests in flight (those
# being served, queued for a worker, or already received by the kernel:
# their responses carry "Connection: close"), close idle connections, exit 0.
# With --ready-file PATH the bound port is written there once listening
# (use --port 0 to let the OS choose).

import argparse
import os
import queue
import selectors
import signal
import socket
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

MAX_HEADER = 64 * 1024


def collatz_len(k):
    n = 0
    while k != 1:
        k = k // 2 if k % 2 == 0 else 3 * k + 1
        n += 1
    return n


TEMPLATE_ROW = ("<tr class=\"{cls}\"><td>{i}</td><td>{steps}</td><td>{digits}</td>"
                "<td>{label}</td></tr>\n")


def compile_template(text):
    """Split "a{x}b" into ["a", "x", "b"]: literals at even, fields at odd places."""
    parts, pos = [], 0
    while True:
        start = text.find("{", pos)
        if start < 0:
            parts.append(text[pos:])
            return parts
        end = text.index("}", start)
        parts.append(text[pos:start])
        parts.append(text[start + 1:end])
        pos = end + 1


ROW_PARTS = compile_template(TEMPLATE_ROW)
ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}


def escape(value):
    out = []
    for ch in str(value):
        out.append(ESCAPES.get(ch, ch))
    return "".join(out)


def render(parts, values):
    out = []
    for k, part in enumerate(parts):
        out.append(escape(values[part]) if k % 2 else part)
    return "".join(out)


def render_cpu(n, ident):
    """The CPU-heavy page: computes a table in pure Python and renders it
    through a small pure-Python template engine (with HTML escaping).
    Deterministic, so a load-test client can check every body."""
    rows = []
    total = 0
    for i in range(1, n + 1):
        steps = collatz_len(i)
        total += steps
        digits = sum(int(d) for d in str(i ** 3))
        label = "<%s & %s>" % ("even" if i % 2 == 0 else "odd", format(i * i, "x"))
        rows.append(render(ROW_PARTS, {"cls": "r%d" % (i % 3), "i": i, "steps": steps,
                                       "digits": digits, "label": label}))
    return ("<html><body><h1>%s</h1><p>n=%d total=%d</p><table>\n%s</table></body></html>\n"
            % (escape(ident), n, total, "".join(rows))).encode()


def render_hello(ident):
    return ("hello %s\n" % ident).encode()


class BadRequest(Exception):
    pass


def read_request(conn, buf):
    """Read one request from conn; buf holds bytes already received.
    Returns (method, target, headers, rest) or None on a clean EOF."""
    while b"\r\n\r\n" not in buf:
        if len(buf) > MAX_HEADER:
            raise BadRequest("header too large")
        chunk = conn.recv(65536)
        if not chunk:
            if buf:
                raise BadRequest("truncated request")
            return None
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        raise BadRequest("bad request line")
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            raise BadRequest("bad header line")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            raise BadRequest("truncated body")
        rest += chunk
    return parts[0], parts[1], parts[2], headers, rest[length:]


def route(method, target):
    url = urlsplit(target)
    query = parse_qs(url.query)
    ident = query.get("id", ["-"])[0]
    if method not in ("GET", "HEAD"):
        return 405, b"method not allowed\n"
    if url.path == "/hello":
        return 200, render_hello(ident)
    if url.path in ("/", "/cpu"):
        try:
            n = int(query.get("n", ["200"])[0])
        except ValueError:
            return 400, b"n must be an integer\n"
        if not 0 <= n <= 100000:
            return 400, b"n out of range\n"
        return 200, render_cpu(n, ident)
    return 404, b"not found\n"


REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


class Server:
    def __init__(self, host, port, workers, backlog=4096):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen(backlog)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="worker")
        self.sel = selectors.DefaultSelector()
        self.returned = queue.SimpleQueue()  # connections handed back by workers
        self.stopping = False
        self.served = 0
        self.count_lock = threading.Lock()
        # Workers and signal handlers wake the acceptor through this pair.
        self.wake_r, self.wake_w = socket.socketpair()
        self.wake_r.setblocking(False)
        self.wake_w.setblocking(False)
        self.sel.register(self.sock, selectors.EVENT_READ, "listen")
        self.sel.register(self.wake_r, selectors.EVENT_READ, "wake")

    def wake(self):
        try:
            self.wake_w.send(b"x")
        except (BlockingIOError, OSError):
            pass  # a wakeup is already pending, or we are closing

    def stop(self, *_):
        self.stopping = True
        self.wake()

    def serve_one(self, conn, buf):
        """Worker thread: serve one request, then give conn back or close it."""
        keep = False
        try:
            conn.setblocking(True)
            conn.settimeout(30)
            req = read_request(conn, buf)
            if req is not None:
                method, target, version, headers, rest = req
                status, body = route(method, target)
                keep = (version == "HTTP/1.1" and
                        headers.get("connection", "").lower() != "close" and
                        not self.stopping)
                head = ("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
                        "Connection: %s\r\n\r\n" % (
                            status, REASONS[status],
                            "text/html" if body[:1] == b"<" else "text/plain",
                            len(body), "keep-alive" if keep else "close")).encode()
                conn.sendall(head if method == "HEAD" else head + body)
                with self.count_lock:
                    self.served += 1
        except BadRequest as e:
            try:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n"
                             b"Connection: close\r\n\r\n%s\n" % (len(str(e)) + 1, str(e).encode()))
            except OSError:
                pass
            keep = False
        except (OSError, ValueError, UnicodeError):
            keep = False
        if keep:
            self.returned.put((conn, rest))
            self.wake()
        else:
            conn.close()

    def serve_forever(self):
        while not self.stopping:
            for key, _ in self.sel.select():
                if key.data == "listen":
                    self.accept_all()
                elif key.data == "wake":
                    try:
                        while self.wake_r.recv(4096):
                            pass
                    except BlockingIOError:
                        pass
                else:
                    conn = key.fileobj
                    self.sel.unregister(conn)
                    self.pool.submit(self.serve_one, conn, key.data)
            while True:
                try:
                    conn, rest = self.returned.get_nowait()
                except queue.Empty:
                    break
                if self.stopping:
                    conn.close()
                elif rest:  # a pipelined request is already buffered
                    self.pool.submit(self.serve_one, conn, rest)
                else:
                    conn.setblocking(False)
                    self.sel.register(conn, selectors.EVENT_READ, b"")
        self.shutdown()

    def accept_all(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return
            except OSError:  # EMFILE and friends: try again on the next wakeup
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.setblocking(False)
            self.sel.register(conn, selectors.EVENT_READ, b"")

    def shutdown(self):
        self.sel.unregister(self.sock)
        self.sock.close()
        # A request the kernel already holds counts as in flight: serve it
        # (with "Connection: close"); close the connections that are idle.
        ready = set(key.fileobj for key, _ in self.sel.select(0))
        for key in list(self.sel.get_map().values()):
            if key.data not in ("listen", "wake"):
                self.sel.unregister(key.fileobj)
                if key.fileobj in ready:
                    self.pool.submit(self.serve_one, key.fileobj, key.data)
                else:
                    key.fileobj.close()
        self.pool.shutdown(wait=True)  # in-flight requests finish here
        while True:
            try:
                conn, _ = self.returned.get_nowait()
            except queue.Empty:
                break
            conn.close()
        self.sel.close()
        self.wake_r.close()
        self.wake_w.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--ready-file", help="write the bound port here once listening")
    args = ap.parse_args(argv)
    server = Server(args.host, args.port, args.workers)
    signal.signal(signal.SIGTERM, server.stop)
    signal.signal(signal.SIGINT, server.stop)
    if args.ready_file:
        with open(args.ready_file + ".tmp", "w") as f:
            f.write("%d\n" % server.port)
        os.replace(args.ready_file + ".tmp", args.ready_file)
    print("serving on http://%s:%d/ with %d workers (%s)" % (
        args.host, server.port, args.workers, sys.implementation.name), flush=True)
    server.serve_forever()
    print("stopped after %d requests" % server.served, flush=True)


if __name__ == "__main__":
    main()
