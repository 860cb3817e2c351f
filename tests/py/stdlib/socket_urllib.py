# urllib.request against http.server's ThreadingHTTPServer serving a directory
# over 127.0.0.1, including 32 requests from a thread pool at once.
import concurrent.futures
import functools
import http.server
import os
import shutil
import tempfile
import threading
import urllib.error
import urllib.request
d = tempfile.mkdtemp()
with open(os.path.join(d, "hello.txt"), "w") as f: f.write("static file\n")
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=d))
t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}); t.start()
url = "http://127.0.0.1:%d/hello.txt" % srv.server_address[1]
with urllib.request.urlopen(url, timeout=10) as r:
    print(r.status, r.headers["Content-Type"], r.read())
try:
    urllib.request.urlopen(url + ".missing", timeout=10)
except urllib.error.HTTPError as e:
    print("HTTPError", e.code)
with concurrent.futures.ThreadPoolExecutor(8) as ex:
    res = list(ex.map(lambda i: urllib.request.urlopen(url, timeout=10).read(), range(32)))
print(len(res), set(res))
srv.shutdown(); srv.server_close(); t.join()
shutil.rmtree(d)
