#!/usr/bin/env python3
"""Load test of examples/http_server.py: pvm against CPython 3.11.

Run with the host python3 (needs `wrk`: apt-get install -y wrk):

    python3 bench/server/load.py                      # wrk table, 5 s per point
    python3 bench/server/load.py --duration 2 --workers 1 2
    python3 bench/server/load.py --soak 60 --soak-conns 10000 --no-wrk

Everything runs on 127.0.0.1 and is bounded in time: each wrk point runs
--duration seconds; the soak runs --soak seconds. The table gives, for each
interpreter, route and worker count, requests/s and p50/p99 latency from
`wrk --latency`, plus pvm/CPython throughput and pvm's speedup over its own
1-worker figure. The soak opens --soak-conns keep-alive connections from an
asyncio client, keeps them all busy, checks every body byte for byte against
the expected one (each request carries a unique id, so a mixed-up response
shows), samples the server's RSS, and ends with SIGTERM while requests are in
flight: those must still get their full response and the server must exit 0.
"""

import argparse
import asyncio
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "examples", "http_server.py")
sys.path.insert(0, os.path.dirname(EXAMPLE))
import http_server  # noqa: E402  (render_cpu / render_hello: expected bodies)

ROUTES = {"cpu": "/cpu?n=%d", "hello": "/hello"}


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class ServerProc:
    def __init__(self, interp, workers):
        self.tmp = tempfile.mkdtemp(prefix="pvm-load-")
        ready = os.path.join(self.tmp, "port")
        self.log = open(os.path.join(self.tmp, "log"), "w+b")
        self.proc = subprocess.Popen(
            [interp, EXAMPLE, "--port", "0", "--workers", str(workers), "--ready-file", ready],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            preexec_fn=raise_nofile)
        deadline = time.time() + 30
        while not os.path.exists(ready):
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError("server failed to start: " + self.output())
            time.sleep(0.02)
        with open(ready) as f:
            self.port = int(f.read())

    def rss_kib(self):
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def output(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
            rc = "killed after %ds" % timeout
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return rc


def parse_time(s):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", s)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def run_wrk(port, path, conns, duration):
    cmd = ["wrk", "-t", str(min(2, conns)), "-c", str(conns), "-d", "%ds" % duration,
           "--latency", "http://127.0.0.1:%d%s" % (port, path)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60).stdout
    res = {"rps": float("nan"), "p50": float("nan"), "p99": float("nan"), "errors": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if m:
        res["rps"] = float(m.group(1))
    for key, pct in (("p50", "50"), ("p99", "99")):
        m = re.search(r"^\s+%s%%\s+(\S+)" % pct, out, re.M)
        if m:
            res[key] = parse_time(m.group(1))
    for pat in (r"Non-2xx or 3xx responses:\s+(\d+)", r"Socket errors:.*"):
        m = re.search(pat, out)
        if m and m.groups():
            res["errors"] += int(m.group(1))
        elif m:
            res["errors"] += sum(int(x) for x in re.findall(r"\d+", m.group(0)))
    return res


def wrk_table(args, interps):
    rows = []
    for route in args.routes:
        path = ROUTES[route] % args.n if route == "cpu" else ROUTES[route]
        for workers in args.workers:
            conns = max(args.conns, workers)
            row = {"route": route, "workers": workers}
            for name, interp in interps:
                srv = ServerProc(interp, workers)
                try:
                    run_wrk(srv.port, path, conns, 1)  # warm-up
                    row[name] = run_wrk(srv.port, path, conns, args.duration)
                finally:
                    rc = srv.stop()
                if rc != 0:
                    row[name]["errors"] += 1
                    print("  %s server exit: %s" % (name, rc), file=sys.stderr)
            rows.append(row)
            print_row(row, rows, interps, header=len(rows) == 1)
    return rows


def print_row(row, rows, interps, header):
    if header:
        cols = ["route", "workers"]
        for name, _ in interps:
            cols += ["%s req/s" % name, "p50 ms", "p99 ms", "err"]
        cols += ["pvm/cpy", "pvm vs 1w"]
        print("| " + " | ".join(cols) + " |")
        print("|" + "---|" * len(cols))
    cells = [row["route"], str(row["workers"])]
    for name, _ in interps:
        r = row[name]
        cells += ["%.0f" % r["rps"], "%.2f" % r["p50"], "%.2f" % r["p99"], str(r["errors"])]
    if "pvm" in row and "cpython" in row:
        cells.append("%.2fx" % (row["pvm"]["rps"] / row["cpython"]["rps"]))
    else:
        cells.append("-")
    base = [r for r in rows if r["route"] == row["route"] and r["workers"] == 1]
    if base and "pvm" in row:
        cells.append("%.2fx" % (row["pvm"]["rps"] / base[0]["pvm"]["rps"]))
    else:
        cells.append("-")
    print("| " + " | ".join(cells) + " |", flush=True)


# ---------------------------------------------------------------- soak

def render_cpu_split(n):
    marker = "zzMARKERzz"
    pre, sep, post = http_server.render_cpu(n, marker).partition(marker.encode())
    assert sep and marker.encode() not in post
    return pre, post


class Soak:
    def __init__(self, port, conns, seconds, n):
        self.port, self.conns, self.seconds, self.n = port, conns, seconds, n
        self.ok = self.bad = self.lost = self.connect_fail = 0
        self.first_bad = None
        self.stop_at = None
        self.open = 0
        self.cache = {}

    def expected_cpu(self, n, ident):
        """render_cpu(n, ident), from a per-n cache (ident is [a-z0-9-], which
        the page escapes to itself), so the client does not spend its CPU on
        rendering every expected page."""
        parts = self.cache.get(n)
        if parts is None:
            parts = self.cache[n] = render_cpu_split(n)
        return parts[0] + ident.encode() + parts[1]

    async def read_response(self, reader):
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = None
        close = False
        for line in lines[1:]:
            k, _, v = line.partition(":")
            if k.lower() == "content-length":
                length = int(v)
            elif k.lower() == "connection":
                close = v.strip().lower() == "close"
        body = await reader.readexactly(length or 0)
        return lines[0], body, close

    async def connect(self, k, limit):
        async with limit:
            try:
                pair = await asyncio.open_connection("127.0.0.1", self.port)
            except OSError:
                self.connect_fail += 1
                return None
        self.open += 1
        return pair

    async def one_conn(self, k, pair):
        reader, writer = pair
        j = 0
        try:
            while time.time() < self.stop_at:
                ident = "k%d-%d" % (k, j)
                if j % 2:
                    path, want = "/hello?id=" + ident, http_server.render_hello(ident)
                else:
                    n = self.n + (k + j) % 7
                    path, want = "/cpu?n=%d&id=%s" % (n, ident), self.expected_cpu(n, ident)
                writer.write(("GET %s HTTP/1.1\r\nHost: l\r\n\r\n" % path).encode())
                try:
                    status, body, close = await self.read_response(reader)
                except (asyncio.IncompleteReadError, ConnectionError):
                    self.lost += 1
                    break
                if status == "HTTP/1.1 200 OK" and body == want:
                    self.ok += 1
                else:
                    self.bad += 1
                    if self.first_bad is None:
                        self.first_bad = (path, status, body[:200])
                if close:
                    break
                j += 1
        finally:
            self.open -= 1
            writer.close()

    async def sample(self, srv, rss, t0):
        step = max(1.0, self.seconds / 20)
        while True:
            self.peak = max(self.peak, self.open)
            rss.append((round(time.time() - t0), srv.rss_kib(), self.open, self.ok))
            if time.time() >= self.stop_at:
                return
            await asyncio.sleep(min(step, max(0.05, self.stop_at - time.time())))

    async def run(self, srv, rss):
        """Open every connection first (100 connects at a time, under the
        listen and SYN backlogs), then keep them all busy for self.seconds."""
        t0 = time.time()
        self.stop_at = t0 + 3600
        self.peak = 0
        sampler = asyncio.ensure_future(self.sample(srv, rss, t0))
        limit = asyncio.Semaphore(100)
        pairs = await asyncio.gather(*[self.connect(k, limit) for k in range(self.conns)])
        self.all_connected = round(time.time() - t0, 1)
        self.stop_at = time.time() + self.seconds
        await asyncio.gather(*[self.one_conn(k, p) for k, p in enumerate(pairs) if p])
        await sampler
        return self.peak

    async def shutdown_check(self, srv, inflight=16):
        """Send `inflight` slow requests, SIGTERM the server while they run."""
        conns = [await asyncio.open_connection("127.0.0.1", self.port) for _ in range(inflight)]
        big = max(2000, self.n * 20)
        for i, (_, w) in enumerate(conns):
            w.write(("GET /cpu?n=%d&id=term%d HTTP/1.1\r\n\r\n" % (big, i)).encode())
        await asyncio.sleep(0.2)
        srv.proc.send_signal(signal.SIGTERM)
        good = 0
        for i, (r, w) in enumerate(conns):
            try:
                status, body, close = await self.read_response(r)
                if status == "HTTP/1.1 200 OK" and body == http_server.render_cpu(big, "term%d" % i):
                    good += 1
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            w.close()
        return good, inflight


def soak(args, name, interp):
    srv = ServerProc(interp, args.soak_workers)
    s = Soak(srv.port, args.soak_conns, args.soak, args.soak_n)
    rss = []
    print("\nsoak (%s, %d workers, %d connections, %d s):" % (
        name, args.soak_workers, args.soak_conns, args.soak), flush=True)
    peak = asyncio.run(s.run(srv, rss))
    good, sent = asyncio.run(s.shutdown_check(srv))
    try:
        rc = srv.proc.wait(60)
    except subprocess.TimeoutExpired:
        rc = "hung"
    last = srv.output().strip().splitlines()[-1:] or [""]
    srv.stop()
    print("  peak open connections %d (all open after %.1f s, then the soak), connect failures %d" % (
        peak, s.all_connected, s.connect_fail))
    print("  responses checked ok %d, bad %d, lost %d" % (s.ok, s.bad, s.lost))
    if s.first_bad:
        print("  first bad:", s.first_bad)
    print("  samples (s: RSS KiB, open connections, responses checked so far):")
    for t, kib, nopen, nok in rss:
        print("    %4d s: %8s KiB %6d open %8d ok" % (t, kib, nopen, nok))
    print("  SIGTERM with %d requests in flight: %d complete and correct; exit %s; %s" % (
        sent, good, rc, last[0]))
    return s.bad == 0 and s.lost == 0 and good == sent and rc == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pvm", default=os.path.join(ROOT, "build", "pvm"))
    ap.add_argument("--python", default="/usr/bin/python3.11")
    ap.add_argument("--duration", type=int, default=5, help="seconds per wrk point (default 5)")
    ncpu = os.cpu_count() or 1
    ap.add_argument("--workers", type=int, nargs="+",
                    default=[w for w in (1, 2, 4, 8, 16) if w <= max(2, ncpu)])
    ap.add_argument("--routes", nargs="+", default=["cpu", "hello"], choices=sorted(ROUTES))
    ap.add_argument("--conns", type=int, default=32, help="wrk connections (default 32)")
    ap.add_argument("--n", type=int, default=200, help="size of the CPU-heavy page (default 200)")
    ap.add_argument("--no-wrk", action="store_true", help="skip the wrk table")
    ap.add_argument("--soak", type=int, default=0, help="soak seconds (default 0: no soak)")
    ap.add_argument("--soak-conns", type=int, default=10000)
    ap.add_argument("--soak-workers", type=int, default=max(2, min(ncpu, 16)))
    ap.add_argument("--soak-n", type=int, default=20)
    ap.add_argument("--soak-python", action="store_true", help="also soak CPython")
    args = ap.parse_args()
    raise_nofile()
    interps = [("pvm", args.pvm), ("cpython", args.python)]
    for _, path in interps:
        if not os.access(path, os.X_OK):
            sys.exit("missing interpreter: " + path)
    ok = True
    if not args.no_wrk:
        if not shutil.which("wrk"):
            sys.exit("wrk not found: apt-get install -y wrk")
        print("%d CPUs; %d s per point, %d connections, cpu page n=%d" % (
            ncpu, args.duration, args.conns, args.n), flush=True)
        rows = wrk_table(args, interps)
        ok = all(r[name]["errors"] == 0 for r in rows for name, _ in interps)
    if args.soak:
        for name, interp in interps[:2 if args.soak_python else 1]:
            ok = soak(args, name, interp) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
