# select.select / poll / epoll over pipes, selectors.DefaultSelector, and
# the error cases.
import os, select, selectors, signal, time

print(select.error is OSError, select.POLLIN, select.POLLOUT, select.EPOLLIN, select.EPOLLET)
r, w = os.pipe()


class F:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


fr = F(r)
print(select.select([fr], [w], [], 0)[0], select.select([r], [w], [])[1])
os.write(w, b"x")
rl, wl, xl = select.select([fr, r], [], [], 1.5)
print(rl == [fr, r], wl, xl)

p = select.poll()
p.register(r, select.POLLIN)
p.register(F(w), select.POLLOUT)
print(sorted(p.poll(0)))
p.modify(w, select.POLLIN)
print(sorted(p.poll(10)))
p.unregister(r)
print(p.poll(0))
os.read(r, 1)

e = select.epoll()
print(e.closed, e.fileno() > 2)
e.register(r, select.EPOLLIN)
e.register(w)
print(sorted(e.poll(0)))
os.write(w, b"yz")
print(sorted(e.poll(1.0, 5)))
e.modify(w, 0)
print(e.poll(timeout=0.01))
e.unregister(r)
print(e.poll(0))
with select.epoll() as e2:
    print(e2.closed)
print(e2.closed)
e.close()
e.close()
print(e.closed)
os.read(r, 10)

# A signal during a wait runs its handler, then the wait goes on.
got = []
signal.signal(signal.SIGALRM, lambda s, f: got.append(s))
signal.alarm(1)
t0 = time.monotonic()
print(select.select([r], [], [], 1.5), got, time.monotonic() - t0 >= 1.4)
signal.signal(signal.SIGALRM, signal.SIG_DFL)

sel = selectors.DefaultSelector()
print(type(sel).__name__)
sel.register(r, selectors.EVENT_READ, "reader")
print(sel.select(0))
os.write(w, b"!")
print([(k.fd == r, k.data, ev) for k, ev in sel.select(1)])
sel.unregister(r)
sel.close()
os.read(r, 1)

for f in [lambda: select.select([-1], [], []), lambda: select.select(["x"], [], []),
          lambda: select.select([], [], [], "x"), lambda: select.select([], [], [], -1),
          lambda: select.select(3, [], []), lambda: p.unregister(5), lambda: p.modify(5, 1),
          lambda: p.register(-1), lambda: p.poll("x"), lambda: p.register("x"),
          lambda: select.epoll().unregister(99), lambda: select.epoll().register(99),
          lambda: select.epoll().poll("x"), lambda: e.poll(), lambda: e.fileno(),
          lambda: e.register(r), lambda: select.epoll().poll(0, 0), lambda: select.epoll("x"),
          lambda: select.epoll().poll(0, "x"), lambda: select.epoll.fromfd("x")]:
    try:
        print(f())
    except Exception as x:
        print(type(x).__name__, x)
os.close(r)
os.close(w)
