# selectors: every selector class this platform has, over socket pairs and
# pipes: register/modify/unregister, select with timeouts, get_key/get_map,
# data, the context manager, errors.
import os
import selectors
import socket

kinds = [c for c in ("SelectSelector", "PollSelector", "EpollSelector", "DevpollSelector", "KqueueSelector") if hasattr(selectors, c)]
print(kinds, selectors.DefaultSelector.__name__)
for kind in kinds:
    sel = getattr(selectors, kind)()
    a, b = socket.socketpair()
    r, w = os.pipe()
    key = sel.register(a, selectors.EVENT_READ, data="sock-a")
    sel.register(r, selectors.EVENT_READ, data="pipe-r")
    print(kind, key.fd == a.fileno(), key.events, key.data, len(sel.get_map()), sel.get_key(r).data)
    print(" idle", sel.select(timeout=0))
    b.send(b"ping")
    os.write(w, b"x")
    ready = sorted((k.data, ev) for k, ev in sel.select(timeout=1))
    print(" ready", ready)
    print(" recv", a.recv(10), os.read(r, 10))
    sel.modify(a, selectors.EVENT_READ | selectors.EVENT_WRITE, data="rw")
    print(" modified", sorted((k.data, ev) for k, ev in sel.select(timeout=1)))
    sel.unregister(a)
    print(" after unregister", len(sel.get_map()), a.fileno() in sel.get_map(), r in sel.get_map())
    for bad in (lambda: sel.register(r, selectors.EVENT_READ), lambda: sel.get_key(a), lambda: sel.unregister(12345),
                lambda: sel.register(b, 0), lambda: sel.register("x", selectors.EVENT_READ)):
        try:
            bad()
        except (KeyError, ValueError) as e:
            print(" ", type(e).__name__, "registered" in str(e) or str(e))
    sel.close()
    print(" closed map", sel.get_map())
    a.close()
    b.close()
    os.close(r)
    os.close(w)
with selectors.DefaultSelector() as sel:
    a, b = socket.socketpair()
    sel.register(b, selectors.EVENT_WRITE)
    print("write ready", [ev for _, ev in sel.select(0)], selectors.EVENT_READ, selectors.EVENT_WRITE)
    a.close()
    b.close()
print(selectors.SelectorKey._fields)
