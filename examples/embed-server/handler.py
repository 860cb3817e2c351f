"""The Python side of examples/embed-server: handle(line) -> reply line.

Commands (one per line):
  echo TEXT     TEXT back
  fib N         the N-th Fibonacci number, computed the slow way (CPU work)
  upper TEXT    TEXT in capitals
  stats         how many requests this process served (shared counter)
anything else raises ValueError, which the server sends back as "ERR ...".
"""
import threading

_lock = threading.Lock()
_served = 0


def _fib(n):
    return n if n < 2 else _fib(n - 1) + _fib(n - 2)


def handle(line):
    global _served
    with _lock:
        _served += 1
    cmd, _, arg = line.partition(" ")
    if cmd == "echo":
        return arg
    if cmd == "fib":
        n = int(arg)
        if not 0 <= n <= 30:
            raise ValueError("fib: n must be in 0..30")
        return str(_fib(n))
    if cmd == "upper":
        return arg.upper()
    if cmd == "stats":
        return "served %d" % _served
    raise ValueError("unknown command %r" % cmd)
