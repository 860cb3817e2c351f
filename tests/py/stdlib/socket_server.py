# socketserver's ThreadingTCPServer (an echo server run by serve_forever in
# a thread, several clients at once) and http.server's ThreadingHTTPServer
# queried with http.client, all over 127.0.0.1.
import http.client
import http.server
import json
import socket
import socketserver
import threading


class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line.upper())


socketserver.ThreadingTCPServer.allow_reuse_address = True
with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Echo) as server:
    t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    t.start()
    results = {}

    def client(i):
        with socket.create_connection(server.server_address) as c:
            f = c.makefile("rwb")
            out = []
            for j in range(3):
                f.write(b"client %d line %d\n" % (i, j))
                f.flush()
                out.append(f.readline())
            results[i] = out
            f.close()

    clients = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    for i in sorted(results):
        print(results[i])
    server.shutdown()
    t.join()
print("tcp server done")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"path": self.path, "squares": [i * i for i in range(5)]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        n = int(self.headers["Content-Length"])
        data = self.rfile.read(n)
        self.send_response(201)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[::-1])

    def log_message(self, *args):
        pass


httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
t.start()
host, port = httpd.server_address
conn = http.client.HTTPConnection(host, port, timeout=10)
for path in ("/", "/a/b?c=1"):
    conn.request("GET", path)
    r = conn.getresponse()
    print(r.status, r.reason, r.getheader("Content-Type"), json.loads(r.read()))
conn.request("POST", "/echo", body=b"hello http")
r = conn.getresponse()
print(r.status, r.read())
conn.request("GET", "/missing", headers={"X-Test": "1"})
r = conn.getresponse()
print(r.status, len(r.read()) > 0)
conn.close()
httpd.shutdown()
httpd.server_close()
t.join()
print("http server done")
