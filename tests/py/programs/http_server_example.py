# Starts examples/http_server.py on port 0 with 2 workers, sends concurrent
# requests, checks every body, then sends SIGTERM while one request is in
# flight and checks that it still gets its full response and that the
# server exits cleanly.
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "..", "examples", "http_server.py")
sys.path.insert(0, os.path.dirname(EXAMPLE))
import http_server  # the example itself, for the expected bodies


def read_response(sock, buf=b""):
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None, buf
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = dict((k.lower(), v.strip()) for k, _, v in (l.partition(":") for l in lines[1:]))
    n = int(headers["content-length"])
    while len(rest) < n:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return (lines[0], headers, rest[:n]), rest[n:]


tmp = tempfile.mkdtemp()
ready = os.path.join(tmp, "port")
proc = subprocess.Popen([sys.executable, EXAMPLE, "--port", "0", "--workers", "2",
                         "--ready-file", ready],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
deadline = time.time() + 20
while not os.path.exists(ready):
    if time.time() > deadline or proc.poll() is not None:
        print("server did not start", proc.poll())
        sys.exit(1)
    time.sleep(0.02)
with open(ready) as f:
    port = int(f.read())

results = {}
lock = threading.Lock()


def client(k):
    ok = 0
    with socket.create_connection(("127.0.0.1", port)) as s:
        buf = b""
        for j in range(5):
            ident = "c%d-%d" % (k, j)
            path = "/cpu?n=%d&id=%s" % (20 + k, ident) if j % 2 == 0 else "/hello?id=" + ident
            s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path).encode())
            resp, buf = read_response(s, buf)
            want = http_server.render_cpu(20 + k, ident) if j % 2 == 0 else http_server.render_hello(ident)
            if resp and resp[0] == "HTTP/1.1 200 OK" and resp[2] == want:
                ok += 1
    with lock:
        results[k] = ok


threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("clients:", sorted(results.items()))

with socket.create_connection(("127.0.0.1", port)) as s:
    for path in ("/nope", "/cpu?n=abc", "/cpu?n=-1"):
        s.sendall(("GET %s HTTP/1.1\r\n\r\n" % path).encode())
        resp, _ = read_response(s)
        print(resp[0], resp[2])
    s.sendall(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
    resp, _ = read_response(s)
    print(resp[0], resp[2])
    s.sendall(b"garbage\r\n\r\n")
    resp, _ = read_response(s)
    print(resp[0], resp[2], resp[1]["connection"])
    print("closed after bad request:", s.recv(10) == b"")

# Graceful shutdown: one idle keep-alive connection and one request in flight.
idle = socket.create_connection(("127.0.0.1", port))
idle.sendall(b"GET /hello?id=idle HTTP/1.1\r\n\r\n")
print(read_response(idle)[0][2])
slow = socket.create_connection(("127.0.0.1", port))
slow.sendall(b"GET /hello?id=warm HTTP/1.1\r\n\r\n")
print(read_response(slow)[0][2])
slow.sendall(b"GET /cpu?n=300&id=last HTTP/1.1\r\n")  # half a request: a worker waits for the rest
time.sleep(1.0)
proc.send_signal(signal.SIGTERM)
time.sleep(0.3)
slow.sendall(b"Host: x\r\n\r\n")
resp, _ = read_response(slow)
print("in-flight:", resp[0], resp[1]["connection"], resp[2] == http_server.render_cpu(300, "last"))
print("then closed:", slow.recv(10) == b"")
print("idle closed:", idle.recv(10) == b"")
out, _ = proc.communicate(timeout=20)
print("exit", proc.returncode)
print(out.decode().splitlines()[-1])
try:
    socket.create_connection(("127.0.0.1", port), timeout=2)
    print("still listening")
except OSError as e:
    print(type(e).__name__)
idle.close()
slow.close()
os.remove(ready)
os.rmdir(tmp)
