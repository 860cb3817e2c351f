# SSLObject.read() after close_notify: b'' only when the peer's close_notify
# came in and this side has not sent its own; once both were sent a read
# raises SSLZeroReturnError (test_asyncio's
# test_remote_shutdown_receives_trailing_data looped forever on b'').
import os, sys
if not os.path.isdir('/usr/lib/python3.11/test/'):
    print('SKIP')
    sys.exit(0)
import ssl
T = '/usr/lib/python3.11/test/'
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(T + 'keycert.pem')
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.load_verify_locations(T + 'keycert.pem')

def pair():
    cin, cout, sin, sout = (ssl.MemoryBIO() for _ in range(4))
    c = cctx.wrap_bio(cin, cout, server_hostname='localhost')
    s = sctx.wrap_bio(sin, sout, server_side=True)
    return c, s, (cin, cout, sin, sout)

def pump(bios):
    cin, cout, sin, sout = bios
    if cout.pending:
        sin.write(cout.read())
    if sout.pending:
        cin.write(sout.read())

def handshake(c, s, bios):
    done = set()
    for _ in range(10):
        for name, o in (('c', c), ('s', s)):
            if name in done:
                continue
            try:
                o.do_handshake()
                done.add(name)
            except ssl.SSLWantReadError:
                pass
        pump(bios)
        if len(done) == 2:
            break
    print('handshake', sorted(done))

def try_(label, f):
    try:
        r = f()
        print(label, 'ok', r if not isinstance(r, ssl.SSLObject) else 'sslobj')
    except ssl.SSLError as e:
        print(label, type(e).__name__, e.args[0])

# The server sends close_notify and then reads the client's data and its
# close_notify.
c, s, bios = pair()
handshake(c, s, bios)
c.write(b'ping')
pump(bios)
try_('s read', lambda: s.read(4))
try_('s unwrap 1', s.unwrap)          # close_notify sent, none received
pump(bios)
c.write(b'trailing')
pump(bios)
try_('s read', lambda: s.read(100))
try_('s read again', lambda: s.read(100))
try_('c unwrap', c.unwrap)             # received the server's, sends its own
pump(bios)
try_('s read after', lambda: s.read(100))
try_('s read after 2', lambda: s.read(100))
try_('s unwrap 2', s.unwrap)
try_('c read after', lambda: c.read(100))

# Only the peer closed: reads give b''.
c, s, bios = pair()
handshake(c, s, bios)
try_('c unwrap first', c.unwrap)
pump(bios)
try_('s read', lambda: s.read(100))
try_('s read again', lambda: s.read(100))
buf = bytearray(10)
try_('s read into', lambda: s.read(10, buf))
try_('s unwrap', s.unwrap)
try_('s read after unwrap', lambda: s.read(100))
